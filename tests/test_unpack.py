"""digest.unpack: files, directories, zip (with bombs and corruption), JSON and JSONL."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

from digest.unpack import TOO_DEEP, Limits, RawFile, Record, Rejected, iter_items

ARTICLE = "Сергей Лавров провёл переговоры в Анкаре.".encode()


def make_zip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


def by_kind(items):
    out = {"raw": [], "record": [], "rejected": []}
    for item in items:
        kind = {RawFile: "raw", Record: "record", Rejected: "rejected"}[type(item)]
        out[kind].append(item)
    return out


def test_directory_recursive_with_bad_members(tmp_path):
    root = tmp_path / "batch"
    (root / "deep" / "deeper").mkdir(parents=True)
    (root / "a.txt").write_bytes(ARTICLE)
    (root / "deep" / "b.HTML").write_bytes(b"<p>" + ARTICLE + b"</p>")
    (root / "deep" / "deeper" / "c.md").write_bytes(ARTICLE)
    (root / "deep" / "scan.pdf").write_bytes(b"%PDF-1.4")
    (root / ".hidden.txt").write_bytes(b"x")
    (root / "broken.zip").write_bytes(b"PK\x03\x04 definitely not a zip")
    (root / "feed.jsonl").write_text(
        '{"text": "Первая статья", "title": "Один"}\n\n'
        '{"text": "Вторая", "published": "2025-03-10"}\n'
        "{oops\n"
        '{"title": "без текста"}\n'
        "[1, 2]\n",
        encoding="utf-8",
    )
    items = list(iter_items(root))
    kinds = by_kind(items)
    assert [i.name for i in kinds["raw"]] == [
        "batch/a.txt",
        "batch/deep/b.HTML",
        "batch/deep/deeper/c.md",
    ]
    assert [(r.name, r.fields) for r in kinds["record"]] == [
        ("batch/feed.jsonl:1", {"text": "Первая статья", "title": "Один"}),
        ("batch/feed.jsonl:3", {"text": "Вторая", "published": "2025-03-10"}),
    ]
    reasons = {r.name: r.reason for r in kinds["rejected"]}
    assert reasons["batch/broken.zip"] == "повреждённый zip-архив"
    assert reasons["batch/feed.jsonl:4"] == "строка 4: неверный JSON"
    assert reasons["batch/feed.jsonl:5"] == (
        "строка 5: нет текста статьи (поле text, body или content)")
    assert reasons["batch/feed.jsonl:6"].startswith("строка 6: ожидался объект")
    assert reasons["batch/deep/scan.pdf"].startswith("неподдерживаемый формат файла «.pdf»")
    assert len(items) == 10


def test_missing_path_is_an_item_not_an_exception(tmp_path):
    [item] = iter_items(tmp_path / "nope.txt")
    assert item == Rejected(str(tmp_path / "nope.txt"), "файл не найден")


def test_unreadable_file(tmp_path, monkeypatch):
    path = tmp_path / "secret.txt"
    path.write_bytes(ARTICLE)

    def denied(self):  # chmod cannot stop root, who runs CI here
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", denied)
    assert list(iter_items(path)) == [Rejected(str(path), "нет прав на чтение файла")]


def test_json_object_and_array():
    one = json.dumps({"text": "Статья", "title": "Заголовок", "url": 5}).encode()
    assert list(iter_items(one, "one.json")) == [
        Record("one.json", {"text": "Статья", "title": "Заголовок"})
    ]
    many = json.dumps([{"text": "А"}, "строка", {"text": "  "}, {"text": "Б"}]).encode()
    items = list(iter_items(many, "many.json"))
    assert [type(i).__name__ for i in items] == ["Record", "Rejected", "Rejected", "Record"]
    assert items[1].reason == "элемент 2: ожидался объект JSON с полем text"
    bad = b'{\n "text": "a",\n "title": oops\n}'
    assert list(iter_items(bad, "bad.json")) == [Rejected("bad.json", "строка 3: неверный JSON")]
    assert list(iter_items(b"\xff\xfe", "x.json"))[0].reason.startswith("JSON должен быть")


def test_json_fields_by_the_names_exports_give_them():
    """A scraper's or a feed dump's keys ("body", "headline", "pubDate", "link", a source
    object), in any case, are the article's fields; the usual name wins over an alias."""
    dump = json.dumps({"Headline": "Заголовок", "body": "Статья", "pubDate": "Mon, 19 Jan 2046",
                       "link": "https://example.ru/1", "source": {"name": "Вести"},
                       "lead": "Подзаголовок"}).encode()
    assert list(iter_items(dump, "dump.json")) == [Record("dump.json", {
        "text": "Статья", "title": "Заголовок", "subtitle": "Подзаголовок",
        "published": "Mon, 19 Jan 2046", "source": "Вести", "url": "https://example.ru/1"})]
    both = json.dumps({"text": "Текст", "content": "Другое", "date": "2046-01-19"}).encode()
    assert list(iter_items(both, "both.json")) == [
        Record("both.json", {"text": "Текст", "published": "2046-01-19"})]
    untitled = json.dumps({"headline": "Только заголовок"}).encode()
    assert list(iter_items(untitled, "x.json")) == [
        Rejected("x.json", "нет текста статьи (поле text, body или content)")]


def test_zip_with_folders_and_bad_members():
    data = make_zip(
        {
            "news/2025/a.txt": ARTICLE,
            "news/b.htm": ARTICLE,
            "news/feed.json": json.dumps([{"text": "В архиве"}]).encode(),
            "news/photo.jpg": b"\xff\xd8",
            "inner.zip": make_zip({"x.txt": ARTICLE}),
            "__MACOSX/._a.txt": b"junk",
            "README": ARTICLE,
        }
    )
    kinds = by_kind(iter_items(data, "upload.zip"))
    assert [i.name for i in kinds["raw"]] == [
        "upload.zip/news/2025/a.txt",
        "upload.zip/news/b.htm",
        "upload.zip/README",
    ]
    assert [r.name for r in kinds["record"]] == ["upload.zip/news/feed.json[1]"]
    reasons = {r.name: r.reason for r in kinds["rejected"]}
    assert set(reasons) == {
        "upload.zip/news/photo.jpg", "upload.zip/inner.zip", "upload.zip/__MACOSX/._a.txt"
    }
    assert reasons["upload.zip/inner.zip"] == "вложенные zip-архивы не поддерживаются"


def test_zip_from_path_and_cp866_names(tmp_path):
    # a Windows archiver: cp866 name bytes, no UTF-8 flag (zipfile itself would set the flag)
    data = make_zip({"XXXXXX.txt": ARTICLE}).replace(b"XXXXXX", "статья".encode("cp866"))
    path = tmp_path / "win.zip"
    path.write_bytes(data)
    [item] = iter_items(path)
    assert item == RawFile(f"{path}/статья.txt", ARTICLE)


def test_zip_bomb_by_ratio_and_total():
    bomb = make_zip({"zeros.txt": b"\0" * (30 * 1024 * 1024), "ok.txt": ARTICLE})
    items = list(iter_items(bomb, "bomb.zip"))
    assert isinstance(items[0], Rejected) and "zip-бомбу" in items[0].reason
    assert items[1] == RawFile("bomb.zip/ok.txt", ARTICLE)

    # many moderately compressible members exceeding the total budget
    limits = Limits(max_zip_total=10_000)
    many = make_zip({f"f{i}.txt": bytes(range(256)) * 16 for i in range(5)})
    items = list(iter_items(many, "many.zip", limits=limits))
    assert [type(i).__name__ for i in items] == ["RawFile", "RawFile", "Rejected"]
    assert "zip-бомбу" in items[-1].reason


def test_zip_file_count_cap():
    data = make_zip({f"{i}.txt": b"x" for i in range(6)})
    [item] = iter_items(data, "lots.zip", limits=Limits(max_zip_files=5))
    assert item.reason.startswith("слишком много файлов в архиве (6")


def test_corrupt_member_inside_good_zip():
    data = bytearray(make_zip({"a.txt": ARTICLE * 50, "b.txt": ARTICLE}))
    # flip bytes inside a.txt's compressed stream: CRC / inflate error for that member only
    start = data.index(b"a.txt") + len(b"a.txt") + 5
    for k in range(start, start + 20):
        data[k] ^= 0xFF
    items = list(iter_items(bytes(data), "damaged.zip"))
    assert items[0] == Rejected("damaged.zip/a.txt", "повреждённый или зашифрованный файл в архиве")
    assert items[1] == RawFile("damaged.zip/b.txt", ARTICLE)


def test_bytes_without_name_are_sniffed():
    assert list(iter_items(ARTICLE)) == [RawFile("upload", ARTICLE)]
    [item] = iter_items(make_zip({"a.txt": ARTICLE}))
    assert item == RawFile("upload/a.txt", ARTICLE)


def test_file_too_big(tmp_path):
    path = tmp_path / "big.txt"
    path.write_bytes(b"a" * 2000)
    [item] = iter_items(path, limits=Limits(max_file_bytes=1000))
    assert item.reason.startswith("файл слишком большой")


def test_json_nested_100k_levels_is_one_rejection_and_the_good_records_stay():
    deep = b"[" * 100_000 + b"]" * 100_000
    items = list(iter_items(deep, "deep.json"))
    assert [(i.name, i.reason) for i in items] == [("deep.json", TOO_DEEP)]
    lines = b'{"text": "' + ARTICLE + b'"}\n' + b'{"a":' * 100_000 + b"1" + b"}" * 100_000 + b"\n"
    kinds = by_kind(iter_items(lines, "feed.jsonl"))
    assert [r.name for r in kinds["record"]] == ["feed.jsonl:1"]
    assert [(r.name, r.reason) for r in kinds["rejected"]] == [
        ("feed.jsonl:2", f"строка 2: {TOO_DEEP}")
    ]


def test_every_skipped_zip_member_is_reported_with_its_reason():
    data = make_zip(
        {
            "../x.txt": ARTICLE,
            "news/../../etc/y.txt": ARTICLE,
            "/abs.txt": ARTICLE,
            "__MACOSX/._a.txt": b"junk",
            "news/.hidden.txt": ARTICLE,
            "news/ok.txt": ARTICLE,
        }
    )
    kinds = by_kind(iter_items(data, "up.zip"))
    assert [i.name for i in kinds["raw"]] == ["up.zip/news/ok.txt"]
    reasons = {r.name: r.reason for r in kinds["rejected"]}
    unsafe = "пропущен: небезопасное имя файла в архиве (путь выходит за пределы архива)"
    hidden = "пропущен: скрытый или служебный файл (например, от архиватора macOS)"
    assert reasons == {
        "up.zip/../x.txt": unsafe,
        "up.zip/news/../../etc/y.txt": unsafe,
        "up.zip//abs.txt": unsafe,
        "up.zip/__MACOSX/._a.txt": hidden,
        "up.zip/news/.hidden.txt": hidden,
    }
