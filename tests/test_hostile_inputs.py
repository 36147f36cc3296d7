"""Hostile inputs through the real bot: each gets one clear Russian answer, the bot stays up,
and the database is exactly as it was (a rejected input writes nothing).

With HOSTILE_TABLE=path the (input → reply) pairs are appended there (the issue-13 table)."""

from __future__ import annotations

import asyncio
import io
import json
import os
import re
import sqlite3
import zipfile
from contextlib import closing
from dataclasses import dataclass

import pytest
from bot_harness import ADMIN, READER, running_bot
from feeds_server import FeedServer

GROUP, MEMBER, CREATOR = -1007001, 601, 600
CYRILLIC = re.compile(r"[а-яё]", re.I)
PYTHON_NAMES = re.compile(r"\b\w*(Error|Exception|Traceback|Pool)\b")


@dataclass(frozen=True)
class Case:
    kind: str  # "text" (a message), "button" (forged callback data), "file" (a document)
    payload: str | bytes
    chat: int = READER
    user: int | None = None
    name: str = ""  # file name
    expect: str = ""  # a fragment of the reply
    replies: int = 1  # a batch: the progress message, then the final report

    def label(self) -> str:
        if self.kind == "file":
            return f"file {self.name} ({len(self.payload)} B)"
        text = self.payload if isinstance(self.payload, str) else repr(self.payload)
        return f"{self.kind} {text[:60]}" + ("…" if len(text) > 60 else "")


def zipped(files: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, data in files.items():
            z.writestr(name, data)
    return buf.getvalue()


def text(payload: str, expect: str = "", **kw) -> Case:
    return Case("text", payload, expect=expect, **kw)


def button(payload: str, expect: str = "устарела") -> Case:
    return Case("button", payload, expect=expect)


def upload(name: str, data: bytes, expect: str = "", **kw) -> Case:
    return Case("file", data, chat=kw.pop("chat", ADMIN), name=name, expect=expect, **kw)


CASES = [
    # commands: times and zones
    text("/subscribe 25:00", "Не понял время"),
    text("/subscribe ８:７５", "Не понял время"),
    text("/subscribe -1:00", "Не понял время"),
    text("/subscribe 8:30:00", "Не понял время"),
    text("/subscribe ²:³⁰", "Не понял время"),
    text("/subscribe " + "9" * 500, "Не понял время"),
    text("/subscribe 08:30; DROP TABLE subscribers", "Не понял время"),
    text("/time", "Укажите время"),
    text("/time 08:30 Mars/Olympus_Mons", "часового пояса"),
    text("/time 08:30 ../../etc/passwd", "часового пояса"),
    text("/time 08:30 Europe/Moscow лишнее", "часового пояса"),
    text("/time 99:99", "не похоже на ЧЧ:ММ"),
    text("/time ８:３０ " + "A" * 3000, "часового пояса"),
    text("/time 0x1F:00", "не похоже на ЧЧ:ММ"),
    # commands: numbers
    text("/article 99999999999999999999", "номер"),
    text("/article -5", "номер"),
    text("/article ١٢", "номер"),
    text("/article 0x10", "номер"),
    text("/article 1e9", "номер"),
    text("/article", "номер"),
    text("/article 999999999999", "нет в архиве"),
    text("/a99999999999999999999", "номер"),
    text("/a٣", "номер"),
    text("/a0", "нет в архиве"),
    # commands: searches (never raw into FTS MATCH)
    text("/person", "Напишите"),
    text("/person " + "Л" * 500, "длинный"),
    text('/person " OR 1=1 --', "ничего нет"),
    text("/topic *", ""),
    text("/topic NEAR(лавров путин)", ""),
    text('/topic "', ""),
    text("/topic AND OR NOT", ""),
    text("/topic <script>alert(1)</script>", ""),
    text("/topic лавров*", ""),
    text("/follow", "Пример"),
    text("/follow " + "x" * 200, "длинный"),
    text("/unfollow никто", "не следил"),
    text("\u202eтекст справа налево", ""),
    text("🤖🤖🤖", ""),
    text("а" * 4000, "длинный"),
    text("/nonexistent", "Такой команды нет"),
    # commands only admins may use
    text("/delete 5", "администратор"),
    text("/stats", "администратор"),
    text("/add Текст статьи", "администратор"),
    text("/feed add https://example.com/rss", "администратор"),
    # forged or out-of-range buttons
    button("card:99999999999999999999"),
    button("card:-1"),
    button("card:abc"),
    button("card:"),
    button("card:1:extra"),
    button("page:person:nosuchtoken:0", "устарели"),
    button("page:person:x:99999999"),
    button("page:alien:x:0"),
    button("dpage:99999999999999999999:0:0"),
    button("dpage:-5:0:0"),
    button("sub:maybe"),
    button("del:yes:99999999999999999999"),
    button("del:yes:1", "администратор"),
    button("x" * 64),
    button(""),
    # uploads by the admin
    upload("пусто.txt", b"", "пустой"),
    upload("virus.exe", b"MZ\x90\x00", "не подходит"),
    upload("photo.png", b"\x89PNG\r\n\x1a\n", "не подходит"),
    upload("noise.txt", bytes(range(256)) * 40, ""),
    upload("broken.zip", b"PK\x03\x04" + b"\x00" * 200, ""),
    upload("broken.json", b'{"title": "x", "text": ', ""),
    upload("list.jsonl", b'1\n"string"\n[]\nnull\n', "отклонено: 4", replies=2),
    upload("scripts.html", b"<html><script>alert(1)</script><style>p{}</style></html>", ""),
    upload("headings.md", b"# \n## \n### \n", ""),
    upload("members.zip", zipped({"../escape.txt": b"", "empty.txt": b""}), "отклонено: 2",
           replies=2),
    # someone who is not an admin
    upload("статья.txt", "Заголовок\n\nТекст.".encode(), "администратор", chat=READER),
    # a group member who is not one of its admins
    text("/subscribe 07:00", "администратор", chat=GROUP, user=MEMBER),
    text("/time 07:00", "администратор", chat=GROUP, user=MEMBER),
    text("/unsubscribe", "администратор", chat=GROUP, user=MEMBER),
    text("/follow Пронин", "администратор", chat=GROUP, user=MEMBER),
]


UPLOAD_LOG = ("batches", "batch_members")  # what became of each upload: written for any batch


def db_dump(path) -> list[str]:
    """Everything in the database but the upload log."""
    skip = tuple(f'INSERT INTO "{table}"' for table in UPLOAD_LOG)
    with closing(sqlite3.connect(path)) as conn:
        return [line for line in conn.iterdump() if not line.startswith(skip)]


def batches(path) -> list[tuple[int, bool, list[str]]]:
    """Each upload batch: its size, whether it was closed, its members' fates."""
    with closing(sqlite3.connect(path)) as conn:
        found = conn.execute("SELECT id, total, finished_at FROM batches ORDER BY id").fetchall()
        return [(total, finished is not None, [r[0] for r in conn.execute(
            "SELECT status FROM batch_members WHERE batch_id = ? ORDER BY position", (bid,))])
            for bid, total, finished in found]


@pytest.fixture
async def h(tmp_path, analysis_pool):
    async with running_bot(tmp_path, analysis_pool) as harness:
        harness.tg.set_admins(GROUP, CREATOR)
        yield harness


async def _reply(h, case: Case) -> str:
    tg = h.tg
    if case.kind == "button":
        [anchor] = await h.ask(case.chat, "/help")  # a bot message to hang the button on
        query = tg.press_button(case.chat, anchor.message_id, str(case.payload), check=False)
        await tg.wait_for(lambda: query in tg.callback_answers, timeout=30)
        answer = tg.callback_answers[query]
        assert answer.get("text"), "a forged button got a silent answer"
        return str(answer["text"])
    if case.kind == "file":
        sent = await h.upload(case.chat, case.name, bytes(case.payload), timeout=60,
                              expect=case.replies)
    else:
        sent = await h.ask(case.chat, str(case.payload), user_id=case.user, timeout=60)
    return "\n".join(m.plain for m in sent)


@pytest.mark.parametrize("case", CASES, ids=[f"{i:02d}" for i in range(len(CASES))])
async def test_hostile_input_is_answered_in_russian_and_changes_nothing(h, case):
    before = db_dump(h.archive.path)
    reply = await _reply(h, case)
    assert CYRILLIC.search(reply), reply
    assert not PYTHON_NAMES.search(reply), reply
    assert case.expect.lower() in reply.lower(), reply
    assert db_dump(h.archive.path) == before
    if case.replies > 1:  # a batch: closed once its report is confirmed, all rejected
        loop = asyncio.get_running_loop()
        deadline = loop.time() + 30
        while not batches(h.archive.path)[0][1] and loop.time() < deadline:
            await asyncio.sleep(0.02)  # the bot records the confirmed report right after
        [(total, closed, fates)] = batches(h.archive.path)
        assert closed and fates == ["rejected"] * total
        assert f"Готово: {total} из {total}" in reply, reply
    else:
        assert batches(h.archive.path) == []
    assert not h.tg.errors  # Telegram would have accepted every answer
    [alive] = await h.ask(READER, "/help")
    assert "/person" in alive.text
    if os.environ.get("HOSTILE_TABLE"):
        with open(os.environ["HOSTILE_TABLE"], "a", encoding="utf-8") as table:
            table.write(json.dumps([case.label(), reply], ensure_ascii=False) + "\n")


@dataclass(frozen=True)
class HostileFeed:
    """`/feed add URL` by the admin; `{site}` is the local web site (tests/feeds_server.py)."""

    url: str
    expect: str  # a fragment of the bot's last answer
    allow_private: bool = True  # FETCH_ALLOW_PRIVATE: the site itself is on 127.0.0.1
    replies: int = 2  # "Ищу ленту…" and the verdict; a source added: then its first poll

    def label(self) -> str:
        flag = "" if self.allow_private else " (FETCH_ALLOW_PRIVATE=0)"
        return f"/feed add {self.url.replace('{site}', 'http://127.0.0.1:PORT')}{flag}"


ADD_FAILED = "Не удалось добавить источник"
PRIVATE = "внутренний сервер"
FEEDS = [
    # its entities are never expanded: a feed of one entry whose page does not exist
    HostileFeed("{site}/billion_laughs.xml", "отклонено: 1", replies=3),
    HostileFeed("{site}/endless", "больше 4 МБ"),
    HostileFeed("{site}/gzip-bomb", "больше 4 МБ"),
    HostileFeed("{site}/loop/a", "по кругу"),
    HostileFeed("{site}/chain/1", "Слишком много перенаправлений"),
    HostileFeed("{site}/pages/plain.html", "нет RSS/Atom-ленты"),
    HostileFeed("{site}/status/500", "кодом 500 (ошибка на сервере)"),
    HostileFeed("{site}/rss2.xml", PRIVATE, allow_private=False),
    HostileFeed("http://10.0.0.1/rss.xml", PRIVATE, allow_private=False),
    HostileFeed("http://169.254.169.254/latest/meta-data/", PRIVATE, allow_private=False),
    HostileFeed("http://[::1]/rss.xml", PRIVATE, allow_private=False),
    HostileFeed("file:///etc/passwd", "http:// или https://"),
]
UNRESOLVED_ENTITY = re.compile(r"&[A-Za-z]\w*;")


def article_count(path) -> int:
    with closing(sqlite3.connect(path)) as conn:
        return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])


@pytest.fixture
async def site():
    async with FeedServer() as server:
        yield server


@pytest.mark.parametrize("feed", FEEDS, ids=[f"feed{i:02d}" for i in range(len(FEEDS))])
async def test_hostile_feed_is_answered_in_russian_and_stores_nothing(
        tmp_path, analysis_pool, site, feed):
    url = feed.url.replace("{site}", f"http://127.0.0.1:{site.port}")
    async with running_bot(tmp_path, analysis_pool,
                           fetch_allow_private=feed.allow_private) as h:
        sent = await h.ask(ADMIN, f"/feed add {url}", expect=feed.replies, timeout=120)
        reply = "\n".join(m.plain for m in sent)
        assert sent[0].plain.startswith("Ищу ленту")
        assert feed.expect.lower() in sent[-1].plain.lower(), reply
        assert not PYTHON_NAMES.search(reply) and not UNRESOLVED_ENTITY.search(reply), reply
        [health] = await h.ask(ADMIN, "/feeds")
        if feed.replies == 2:  # refused: no source was created
            assert ADD_FAILED in sent[-1].plain and "пока нет" in health.plain, reply
        else:  # added under its host's name; its health line shows what it gave
            assert "«127.0.0.1» добавлен" in reply and "взято статей: 0" in health.plain
        assert article_count(h.archive.path) == 0  # no junk article
        assert not h.tg.errors
        [alive] = await h.ask(READER, "/help")
        assert "/person" in alive.text
    if os.environ.get("HOSTILE_TABLE"):
        with open(os.environ["HOSTILE_TABLE"], "a", encoding="utf-8") as table:
            table.write(json.dumps([feed.label(), reply + "\n/feeds: " + health.plain],
                                   ensure_ascii=False) + "\n")
