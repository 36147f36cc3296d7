"""Every text the bot says (Russian), and the command menu. Handlers format these; none of
them writes a sentence of its own."""

from __future__ import annotations

from aiogram.types import BotCommand

from core.search import MAX_QUERY_CHARS

COMMANDS = [
    ("digest", "Дайджест сейчас"),
    ("person", "Статьи о человеке: /person Лавров"),
    ("topic", "Поиск по теме: /topic вакцина"),
    ("people", "Кого чаще упоминали за неделю"),
    ("topics", "Главные темы недели"),
    ("follow", "Следить за человеком или темой"),
    ("unfollow", "Перестать следить"),
    ("subscribe", "Подписаться на ежедневный дайджест"),
    ("unsubscribe", "Отписаться"),
    ("time", "Время и часовой пояс дайджеста"),
    ("settings", "Мои настройки"),
    ("id", "Мой id и id этого чата"),
    ("help", "Что умеет бот"),
]


def bot_commands() -> list[BotCommand]:
    return [BotCommand(command=c, description=d) for c, d in COMMANDS]


# --- start, help, subscription --------------------------------------------------------

BOT_DESCRIPTION = (  # ≤ 512 characters: the empty chat before /start
    "Собираю русскоязычные новости в один короткий утренний дайджест: главное за день, кто что "
    "сказал, какие цифры прозвучали, о чём пишут сразу несколько изданий. Можно следить за "
    "людьми и темами, искать по имени в любом падеже (/person Лаврова) и открывать полную "
    "карточку сюжета в одно касание. Нажмите «Старт»."
)
BOT_SHORT_DESCRIPTION = "Новости дня одним сообщением: сюжеты, цифры, цитаты."  # ≤ 120
ARCHIVE_EMPTY = (
    "Архив пока пуст: статей ещё нет. Как только администратор добавит статьи или ленты, "
    "здесь появится дайджест."
)
WELCOME_BACK = (
    "Привет! Вы подписаны: дайджест приходит каждый день в {time}, часовой пояс — {tz}. "
    "Свежий — /digest.\n{ask} Все команды — /help"
)
# how to ask: a private chat takes plain text; a group only commands addressed to the bot
ASK_PRIVATE = ("Спросить можно и сейчас: напишите фамилию или тему, например "
               "<code>Лавров</code> или <code>вакцина</code>.")
ASK_GROUP = ("Спросить можно и сейчас: <code>/person Лавров</code> или "
             "<code>/topic вакцина</code>.")
WELCOME = (
    "Привет! Я собираю новости в короткие дайджесты: кто что сказал, какие цифры "
    "прозвучали, о чём пишут сразу несколько изданий.\n\n"
    "Каждый день в {time} пришлю дайджест (часовой пояс — {tz}): подпишитесь кнопкой ниже. "
    "{ask}\n\n/help — все команды"
)

HELP = (
    "<b>Что я умею</b>\n"
    "/digest — дайджест прямо сейчас\n"
    "/person ФАМИЛИЯ — статьи о человеке (в любом падеже: Лавров, Лаврова)\n"
    "/topic СЛОВО — поиск по теме (вакцина = вакцины)\n"
    "/article НОМЕР — карточка статьи: кратко, люди, цифры, цитаты\n"
    "/people, /topics — кто и что в центре внимания за неделю\n"
    "/follow ИМЯ или ТЕМА — поднимать это в моём дайджесте первым; /unfollow — перестать\n"
    "/subscribe [ЧЧ:ММ] — ежедневный дайджест; /unsubscribe — отписка\n"
    "/time ЧЧ:ММ [Регион/Город] — время и часовой пояс, например <code>/time 08:30 "
    "Asia/Almaty</code>\n"
    "/settings — мои настройки\n"
    "/id — ваш id и id этого чата"
)
HELP_PLAIN_TEXT = "\n\nИли просто напишите имя или слово — я поищу."

ADMIN_HELP = (
    "\n\n<b>Для администраторов</b>\n"
    "Пришлите файл (.txt .md .html .json .jsonl или .zip) — статьи попадут в архив.\n"
    "В JSON статья — объект с полями text (или body, content), title, published (или date, "
    "pubDate), source, url.\n"
    "/add ТЕКСТ — добавить статью текстом (или ответом на /add)\n"
    "/stats — статистика, /delete НОМЕР — удалить статью\n"
    "/feeds, /feed add URL — источники RSS/Atom; ссылки в сообщении — статьи по ссылкам\n"
    "/channel @канал ЧЧ:ММ [пояс] — дайджест в канал или группу, /channels — список"
)

IDS = "Ваш id: <code>{user_id}</code>\nId этого чата: <code>{chat_id}</code>"
IDS_NO_USER = "Id этого чата: <code>{chat_id}</code>"

SUBSCRIBE_BUTTON = "📬 Подписаться на дайджест"
UNSUBSCRIBE_BUTTON = "Отписаться"
SUBSCRIBED = (
    "Готово: дайджест будет приходить каждый день в {time}, часовой пояс — {tz}.\n"
    "Изменить время: <code>/time 08:30 {zone}</code>"
)
SUBSCRIBE_BAD_TIME = (
    "Не понял время. Пример: <code>/subscribe 08:30</code> или "
    "<code>/subscribe 08:30 Новосибирск</code>"
)
UNSUBSCRIBED = "Вы отписались. Вернуться можно командой /subscribe."
NOT_SUBSCRIBED = "Вы и не были подписаны. Подписаться: /subscribe"
BUTTON_TOO_OLD_SUBSCRIBE = "Напишите /subscribe"
BUTTON_TOO_OLD_UNSUBSCRIBE = "Напишите /unsubscribe"
SUBSCRIBED_ALERT = "Подписка оформлена"
UNSUBSCRIBED_ALERT = "Вы отписались"
SUBSCRIPTION_OFF = "Подписка отключена."

TIME_EXAMPLE = (
    "Пример: <code>/time 08:30</code>, <code>/time 07:00 Новосибирск</code>,"
    " <code>/time 09:00 МСК+2</code> или <code>/time 08:00 UTC+5</code>"
)
TIME_MISSING = "Укажите время дайджеста. " + TIME_EXAMPLE
TIME_BAD = "Время «{value}» не похоже на ЧЧ:ММ. " + TIME_EXAMPLE
ZONE_BAD = (
    "Не знаю часового пояса «{value}». Подойдёт город (Москва, Алматы), МСК+2, UTC+5 "
    "или пояс вида Регион/Город (Europe/Moscow). Или выберите кнопкой:"
)
ZONE_PICK = "Часовой пояс можно выбрать кнопкой:"
ZONE_BUTTONS = {
    "Europe/Kaliningrad": "Калининград", "Europe/Moscow": "Москва", "Europe/Samara": "Самара",
    "Asia/Yekaterinburg": "Екатеринбург", "Asia/Omsk": "Омск",
    "Asia/Novosibirsk": "Новосибирск", "Asia/Krasnoyarsk": "Красноярск",
    "Asia/Irkutsk": "Иркутск", "Asia/Yakutsk": "Якутск", "Asia/Vladivostok": "Владивосток",
    "Asia/Magadan": "Магадан", "Asia/Kamchatka": "Камчатка", "Asia/Almaty": "Алматы",
}
TIME_SET = "Дайджест будет приходить в {time}, часовой пояс — {tz}."

SETTINGS_SUBSCRIBED = "Подписка: каждый день в {time}, часовой пояс — {tz}"
SETTINGS_NOT_SUBSCRIBED = "Подписка: нет (/subscribe)"
SETTINGS_PEOPLE = "Слежу за людьми: {people}"
SETTINGS_TOPICS = "Слежу за темами: {topics}"
SETTINGS_NONE = "—"
SETTINGS_FOOTER = "\n/follow ИМЯ или ТЕМА · /unfollow · /time ЧЧ:ММ"

# --- follow -----------------------------------------------------------------------------

FOLLOW_EMPTY = (
    "Кого или что? Пример: <code>/{command} Лавров</code> или <code>/{command} вакцина</code>"
)
FOLLOWING_PERSON = "Слежу за человеком «{value}»: в вашем дайджесте это будет первым."
FOLLOWING_TOPIC = "Слежу за темой «{value}»: в вашем дайджесте это будет первым."
FOLLOW_SUBSCRIBED = (
    "Я подписал вас на дайджест: он будет приходить каждый день в {time}, часовой пояс — "
    "{tz}. Изменить время: <code>/time 08:30 {zone}</code>, отписаться: /unsubscribe"
)
FOLLOW_NO_WORDS = (
    "Следить можно за человеком или темой, названными словами: например "
    "<code>/follow Лавров</code> или <code>/follow вакцина</code>. Эмодзи и знаки не "
    "встречаются в сюжетах как тема."
)
PICK_LINE = "• <code>/{command} {value}</code>"
FOLLOWS_NONE = "Вы ни за кем не следите. Пример: <code>/follow Лавров</code>"
UNFOLLOW_WHICH = "За чем перестать следить?"
UNFOLLOW_LINE = "• <code>/unfollow {value}</code>"
UNFOLLOWED = "Больше не слежу за «{value}»."
NOT_FOLLOWED = "Я не следил за «{value}». Список: /settings"

# --- search -------------------------------------------------------------------------------

SEARCH_EXAMPLES = {"person": "Лавров", "topic": "вакцина"}
SEARCH_EMPTY = "Напишите, что искать. Пример: <code>/{command} {example}</code>"
QUERY_TOO_LONG = f"Слишком длинный запрос: не больше {MAX_QUERY_CHARS} символов."
SEARCH_TOO_LONG = QUERY_TOO_LONG + " Пример: <code>/{command} {example}</code>"
PLAIN_TOO_LONG = QUERY_TOO_LONG + " Напишите имя или одно-два слова."
RESULTS_EXPIRED = "Результаты устарели — повторите запрос."
PAGE_BACK = "◀ Назад"
PAGE_NEXT = "Дальше ▶"
CARD_BUTTON = "📄 {number}"
ARTICLE_NUMBER = "Укажите номер статьи цифрами. Пример: <code>/article 12</code>"
ARTICLE_MISSING = "Статьи #{article_id} нет в архиве. Номера есть в /digest и поиске."
TOP_PEOPLE = "Чаще всех за неделю"
TOP_EMPTY = "{title}: пока пусто — за эти дни статей не было."
PERSON_AMBIGUOUS = "По запросу «{query}» нашлось несколько человек. Уточните:"
PERSON_NOTHING = "О «{query}» в архиве ничего нет. Проверьте написание или поищите по фамилии."
PERSON_EXAMPLE = "Например: <code>/person {surname}</code>"
PERSON_SUGGEST = "О «{query}» в архиве ничего нет. Может быть, вы имели в виду:"
PERSON_TITLE = "<b>{name}</b>: статьи, новые сверху"
TOPIC_NOTHING = (
    "По запросу «{query}» ничего не найдено. Попробуйте другое слово: "
    "<code>/topic вакцина</code>"
)
TOPIC_TITLE = "Статьи по запросу «<b>{query}</b>»"

# --- the article card -------------------------------------------------------------------

CARD_SUMMARY = "<b>Кратко</b>"
CARD_PEOPLE = "<b>Люди</b>"
CARD_FIGURES = "<b>Цифры</b>"
CARD_QUOTES = "<b>Цитаты</b>"
CARD_PLACES = "<b>Места и организации:</b> "
CARD_TOPICS = "<b>Темы:</b> "
CARD_SOURCE_LINK = '<a href="{url}">Источник</a>'
CARD_OTHER_SOURCES = "<b>Другие источники:</b> "
CARD_UNNAMED_SOURCE = "без названия"
CARD_MORE_SOURCES = " и ещё {count}"

TOP_TOPICS = "Темы недели"

# --- fallback -----------------------------------------------------------------------------

UNKNOWN_COMMAND = "Такой команды нет.\n\n" + HELP
ANYTHING_ELSE = (
    "Я понимаю текст и команды. Напишите имя или тему, например <code>Лавров</code>, "
    "или откройте /help."
)

# --- throttling ---------------------------------------------------------------------------

THROTTLED = "Слишком много запросов подряд. Подождите пару секунд."
THROTTLED_BUTTON = "Не так быстро 🙂"

# --- admins -------------------------------------------------------------------------------

NOT_ADMIN = "Загружать и удалять статьи могут только администраторы. Ничего не сохранено."
ADD_PROMPT = "Пришлите текст статьи ответом на это сообщение."
ADD_PLACEHOLDER = "Текст"
UPLOAD_WRONG_TYPE = (
    "Файл «{name}» не подходит: принимаю .txt, .md, .html, .json, .jsonl или .zip с ними."
)
UPLOAD_TOO_BIG = (
    "Файл больше 20 МБ — Telegram не даёт ботам скачивать такие. Разбейте архив на части."
)
DOWNLOAD_FAILED = (
    "Не удалось скачать файл «{name}» из Telegram. Ничего не сохранено — пришлите его ещё раз."
)
UPLOAD_EMPTY = "В файле не нашлось статей."
UPLOAD_DUPLICATE = "Это дубликат статьи #{article_id}{note}. /article {article_id}"
UPLOAD_FAILED = "Не удалось добавить: {reason}"
PROGRESS = "Обрабатываю: {done} из {total}…"
PROGRESS_DONE = "Готово: {done} из {total}."
REPORT_ADDED = "Новые статьи: {ids}"
REPORT_DUPLICATE = "• {name}: дубликат статьи #{article_id}"
DUPLICATE_NOTE = " ({note})"
REPORT_REJECTED = "• {name}: {reason}"
REPORT_MORE = "… и ещё {count}"
DELETE_NUMBER = "Укажите номер статьи. Пример: <code>/delete 12</code>"
DELETE_CONFIRM = "Удалить статью #{article_id} «{title}»? Это нельзя отменить."
DELETE_YES = "🗑 Удалить"
DELETE_NO = "Отмена"
DELETE_CANCELLED = "Статья #{article_id} не удалена."
DELETED = "Статья #{article_id} удалена."
DELETE_MISSING = "Статьи #{article_id} нет в архиве."
DELETE_ALREADY = "Статья #{article_id} уже удалена."

# --- feeds and links (admins) -------------------------------------------------------------

FEEDS_USAGE = (
    "Источники статей (RSS/Atom):\n"
    "/feeds — список и состояние\n"
    "<code>/feed add URL</code> — добавить ленту или страницу сайта со ссылкой на ленту\n"
    "<code>/feed del N</code>, <code>/feed pause N</code>, <code>/feed resume N</code>"
)
FEEDS_NONE = "Источников пока нет. Добавьте: <code>/feed add URL</code>"
FEEDS_TITLE = "<b>Источники</b>"
FEED_LOOKING = "Ищу ленту по адресу {url}…"
FEED_ADD_FAILED = "Не удалось добавить источник: {reason}"
FEED_ADDED = "Источник #{id} «{name}» добавлен: {url}\nЗабираю статьи…"
FEED_EXISTS = "Этот источник уже есть: #{id} «{name}»."
FEED_MISSING = "Источника #{id} нет. Список: /feeds"
FEED_DELETED = "Источник #{id} «{name}» удалён (его статьи остаются в архиве)."
FEED_PAUSED = "Источник #{id} «{name}» на паузе."
FEED_RESUMED = "Источник #{id} «{name}» снова опрашивается."
FEED_POLL_FAILED = "Источник #{id}: ошибка — {error}"
FEED_NOT_MODIFIED = "Источник #{id}: новых статей нет."
FEED_POLLED = "Источник #{id} «{name}»:\n{report}"
TOO_MANY_LINKS = "Беру первые {max} ссылок из {count}."

# --- /stats ------------------------------------------------------------------------------

STATS_TITLE = "<b>Статистика</b>"
STATS_TOTAL = "Статей в архиве: {total}"
STATS_WEEK = "За 7 дней: {week}"
STATS_SUBSCRIBERS = "Подписчиков: {active} активных, {blocked} заблокировали бота"
STATS_TOP_PEOPLE = "Чаще всех: {people}"
STATS_DELIVERY = "<b>Рассылка</b>"
STATS_LAST_TICK = "Последняя проверка: {when}"
RUN_RUNNING = "идёт"
RUN_LAST = "последняя"
STATS_RUN = (
    "Рассылка ({state}, началась {when}): к отправке {due}, дослано {resumed}, "
    "отправлено {sent}, ошибок {failed}, заблокировали {blocked}, в ожидании {pending}, "
    "ответов 429: {retry_after}"
)
STATS_NO_RUNS = "Рассылок ещё не было."
STATS_TODAY = "Сегодня: {done}; очередь: {backlog}"
STATS_NONE = "нет"
DELIVERY_STATUS = {
    "pending": "в очереди",
    "partial": "отправлено частично",
    "sent": "отправлено",
    "failed": "ошибка",
    "blocked": "заблокировали бота",
}
NEVER = "ещё не было"
JUST_NOW = "только что"
SECONDS_AGO = "{n} с назад"
MINUTES_AGO = "{n} мин назад"
HOURS_AGO = "{n} ч назад"

# --- startup (the operator's console, one line each) ------------------------------------

STARTUP_TOKEN_REJECTED = (
    "Telegram отклонил BOT_TOKEN (401 Unauthorized): токен неверный или отозван — "
    "возьмите действующий у @BotFather и укажите его в .env"
)
STARTUP_UNREACHABLE = "Нет связи с Telegram ({url}): {cause}. Повтор через {delay} с"
STARTUP_DATABASE = "Не удалось открыть базу данных {path}: {cause}"

# a handler failed (bot.errors): the database busy past its timeout, the disk full, anything else
DB_BUSY = "База сейчас занята записью — попробуйте через минуту."
DISK_FULL = (
    "На сервере закончилось место на диске: сохранить не получилось, ничего не изменено. "
    "Поиск и чтение работают; попробуйте позже."
)
FAILED = "Не получилось выполнить запрос — сбой на стороне бота. Попробуйте ещё раз позже."
BUTTON_STALE = "Эта кнопка устарела или повреждена — повторите запрос."
GROUP_ADMINS_ONLY = (
    "Настройки дайджеста этой группы меняют только её администраторы. Ничего не изменено."
)
GROUP_ADMINS_UNKNOWN = (
    "Не удалось проверить, администратор ли вы в этой группе. Ничего не изменено — "
    "попробуйте позже."
)

# an upload batch cut short by a stop (bot.batch_report), told to the admin after the restart
BATCH_INTERRUPTED_PROGRESS = "Прервано: {done} из {total}."
BATCH_INTERRUPTED = (
    "<b>Загрузка «{name}» прервалась</b> — бот был остановлен посреди обработки.\n"
    "Сохранено: {added}, дубликатов: {duplicates}, отклонено: {rejected}, "
    "не обработано: {pending}."
)
BATCH_UNREPORTED = (
    "<b>Загрузка «{name}» обработана</b>, но бот был остановлен до того, как отправил отчёт.\n"
    "Сохранено: {added}, дубликатов: {duplicates}, отклонено: {rejected}, "
    "не обработано: {pending}."
)
BATCH_REPORT_REPEAT = "(Повтор: прошлая отправка этого отчёта могла до вас дойти.)"
BATCH_STORED = "Сохранены: {names}"
BATCH_REJECTED = "Отклонены: {names}"
BATCH_NOT_STORED = "Не обработаны: {names}"
BATCH_MORE = " … и ещё {count}"
BATCH_RESEND = "Пришлите файл ещё раз: сохранённые статьи придут как дубликаты и не задвоятся."

# --- channels and groups a bot admin attaches (bot.routers.channels) --------------------

CHANNEL_USAGE = (
    "Дайджест можно публиковать в канале или группе каждый день в заданное время.\n"
    "1. Добавьте бота в канал администратором с правом публиковать сообщения "
    "(в группу — участником).\n"
    "2. Напишите здесь: <code>/channel @имя_канала ЧЧ:ММ [часовой пояс]</code>, например "
    "<code>/channel @vesti_uezda 08:30 Новосибирск</code>. Вместо @имени подойдёт числовой "
    "id чата (<code>-100…</code>). Без пояса — {zone}.\n"
    "Вы должны быть администратором этого канала или группы.\n"
    "/channels — подключённые каналы и группы, /channel_off @имя — отключить."
)
CHANNEL_BAD_CHAT = (
    "«{chat}» — не канал и не группа. Укажите @имя канала (например @vesti_uezda) или "
    "числовой id чата, начинающийся с минуса."
)
CHANNEL_BAD_TIME = (
    "Укажите время публикации после имени канала: <code>/channel @имя_канала 08:30</code>."
)
CHANNEL_BAD_ZONE = (
    "Не знаю часового пояса «{value}». Подойдёт город (Москва, Алматы), МСК+2, UTC+5 или "
    "пояс вида Регион/Город (Europe/Moscow). Канал не подключён."
)
CHANNEL_UNKNOWN = (
    "Не нашёл чат {chat}: проверьте имя. Если канал закрытый, добавьте в него бота "
    "администратором и укажите числовой id чата. Ничего не подключено."
)
CHANNEL_NOT_A_GROUP = "{chat} — личный чат, а не канал или группа. Ничего не подключено."
CHANNEL_BOT_NOT_THERE = (
    "Бота нет в {chat}. Добавьте его (в канал — администратором с правом публиковать "
    "сообщения) и повторите команду. Ничего не подключено."
)
CHANNEL_BOT_NOT_ADMIN = (
    "Бот не может публиковать в {chat}: сделайте его администратором канала с правом "
    "«Публикация сообщений» и повторите команду. Ничего не подключено."
)
GROUP_BOT_MUTED = (
    "В группе {chat} боту запрещено писать. Снимите ограничение и повторите команду. "
    "Ничего не подключено."
)
CHANNEL_USER_NOT_ADMIN = (
    "Подключать дайджест к {chat} могут только администраторы этого чата, а вы не из них. "
    "Ничего не подключено."
)
CHANNEL_CHECK_FAILED = (
    "Telegram сейчас не ответил, можно ли публиковать в {chat}. Ничего не подключено — "
    "попробуйте через минуту."
)
CHANNEL_ATTACHED = (
    "Канал {chat} подключён: дайджест будет выходить там каждый день в {time}, "
    "часовой пояс — {tz}. Список — /channels."
)
GROUP_ATTACHED = (
    "Группа {chat} подключена: дайджест будет приходить туда каждый день в {time}, "
    "часовой пояс — {tz}. Список — /channels."
)
CHAT_KINDS = {"channel": "канал", "group": "группа", "private": "чат"}
CHANNELS_TITLE = "<b>Каналы и группы с дайджестом</b>"
CHANNELS_LINE = "• {kind} {chat} — {time}, {tz}"
CHANNELS_PAUSED = " — <b>приостановлен</b>: бот не может туда писать; /channel подключит снова"
CHANNELS_NONE = (
    "Дайджест не публикуется ни в одном канале или группе. Подключить: "
    "<code>/channel @имя_канала ЧЧ:ММ</code>."
)
CHANNELS_MORE = "…и ещё {count}: отключить — <code>/channel_off @имя</code> или id чата."
CHANNEL_OFF_BUTTON = "Отключить {chat}"
CHANNEL_OFF_USAGE = (
    "Какой канал отключить? <code>/channel_off @имя_канала</code>, список — /channels."
)
CHANNEL_NOT_ATTACHED = "{chat} не получает дайджест. Список — /channels."
CHANNEL_OFF_CONFIRM = "Отключить дайджест в {chat}?"
CHANNEL_OFF_YES = "Да, отключить"
CHANNEL_OFF_NO = "Нет"
CHANNEL_DETACHED = "Дайджест в {chat} отключён. Вернуть — /channel."
CHANNEL_OFF_CANCELLED = "Хорошо, ничего не меняю."
CHANNEL_ALREADY_OFF = "Этот чат уже не получает дайджест."
CHANNEL_NOT_BOT_ADMIN = (
    "Подключать дайджест к каналам и группам могут только администраторы бота. "
    "Ничего не изменено."
)
# the admin who attached a chat, once, when the bot can no longer post there (bot.delivery)
CHANNEL_PAUSED_NOTICE = (
    "Дайджест в {chat} приостановлен: Telegram не даёт боту туда писать ({reason}). "
    "Верните бота в чат (в канал — администратором) и снова подключите: "
    "<code>/channel {ref} {time} {zone}</code>."
)
PAUSE_REASON_REMOVED = "бота удалили из чата"
PAUSE_REASON_RIGHTS = "у бота нет права писать туда"
PAUSE_REASON_GONE = "чат удалён или не найден"
PAUSE_REASON_LOST = "бота удалили из чата или лишили права писать"
