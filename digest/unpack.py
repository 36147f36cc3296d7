"""Upload inputs → items: raw files, JSON records, or per-item errors (pure, no database).

`iter_items` never raises for one bad member: a missing path, a corrupt zip, a zip bomb or a
bad JSON line becomes a `Rejected` item with a Russian reason, and the rest goes on.
"""

from __future__ import annotations

import io
import json
import os
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

TEXT_EXTENSIONS = frozenset({".txt", ".md", ".html", ".htm"})
ACCEPTED_EXTENSIONS = TEXT_EXTENSIONS | {".json", ".jsonl", ".zip"}
# the names scrapers, CMS exports and feed dumps give the same fields, in order of preference;
# keys match whatever their case ("pubDate", "Title")
FIELD_NAMES = {
    "text": ("text", "body", "content", "article_text", "full_text", "fulltext"),
    "title": ("title", "headline"),
    "subtitle": ("subtitle", "lead", "subheadline"),
    "published": ("published", "date", "pubdate", "pub_date", "published_at", "publishedat",
                  "datepublished", "datetime", "created_at"),
    "source": ("source", "outlet", "publisher", "site", "site_name", "media"),
    "url": ("url", "link", "href"),
}
RECORD_FIELDS = tuple(FIELD_NAMES)
TOO_DEEP = "слишком глубокая вложенность JSON: ожидался объект статьи или список статей"


@dataclass(frozen=True, slots=True)
class RawFile:
    name: str
    data: bytes


@dataclass(frozen=True, slots=True)
class Record:
    """A JSON article: `fields` has a non-empty "text" and optional RECORD_FIELDS (strings)."""

    name: str
    fields: dict[str, str]


@dataclass(frozen=True, slots=True)
class Rejected:
    name: str
    reason: str  # Russian, user-facing


Item = RawFile | Record | Rejected


@dataclass(frozen=True, slots=True)
class Limits:
    max_file_bytes: int = 20 * 1024 * 1024  # one file on disk or one zip member
    max_zip_total: int = 50 * 1024 * 1024  # uncompressed bytes per archive
    max_zip_files: int = 2000
    max_ratio: int = 200  # uncompressed / compressed, for members over 1 MB
    ratio_floor: int = 1024 * 1024
    skip: frozenset[str] = field(default_factory=lambda: frozenset({"__MACOSX", ".DS_Store"}))


def iter_items(
    source: str | os.PathLike[str] | bytes,
    filename: str | None = None,
    *,
    limits: Limits = Limits(),
) -> Iterator[Item]:
    """Items of a path (file or directory, recursively) or of uploaded bytes named `filename`."""
    if isinstance(source, bytes):
        yield from _dispatch(filename or "upload", source, limits)
        return
    path = Path(source)
    if path.is_dir():
        for child in sorted(path.rglob("*")):
            rel = child.relative_to(path)
            if child.is_file() and not _hidden(rel.parts, limits):
                yield from _from_file(child, filename=str(Path(path.name) / rel), limits=limits)
    else:
        yield from _from_file(path, filename=filename or str(source), limits=limits)


def _hidden(parts: tuple[str, ...], limits: Limits) -> bool:
    return any(p.startswith(".") or p in limits.skip for p in parts)


def read_error(exc: OSError) -> str:
    """A file-system error as a short Russian message."""
    if isinstance(exc, FileNotFoundError):
        return "файл не найден"
    if isinstance(exc, IsADirectoryError):
        return "это папка, а не файл"
    if isinstance(exc, PermissionError):
        return "нет прав на чтение файла"
    return f"не удалось прочитать файл ({exc.strerror or type(exc).__name__})"


def _from_file(path: Path, *, filename: str, limits: Limits) -> Iterator[Item]:
    try:
        size = path.stat().st_size
        if not path.is_file():
            yield Rejected(filename, "это не файл")
            return
        if size > limits.max_file_bytes:
            limit = _mb(limits.max_file_bytes)
            yield Rejected(filename, f"файл слишком большой ({_mb(size)}, предел {limit})")
            return
        data = path.read_bytes()
    except OSError as exc:
        yield Rejected(filename, read_error(exc))
        return
    yield from _dispatch(filename, data, limits)


def _extension(name: str, data: bytes) -> str:
    ext = PurePosixPath(name).suffix.lower()
    if ext:
        return ext
    if data.startswith(b"PK\x03\x04"):
        return ".zip"
    return ".txt"


def _dispatch(name: str, data: bytes, limits: Limits, *, in_zip: bool = False) -> Iterator[Item]:
    ext = _extension(name, data)
    if ext in TEXT_EXTENSIONS:
        yield RawFile(name, data)
    elif ext == ".json":
        yield from _json_items(name, data)
    elif ext == ".jsonl":
        yield from _jsonl_items(name, data)
    elif ext == ".zip" and in_zip:
        yield Rejected(name, "вложенные zip-архивы не поддерживаются")
    elif ext == ".zip":
        yield from _zip_items(name, data, limits)
    else:
        yield _unsupported(name, ext)


def _unsupported(name: str, ext: str) -> Rejected:
    allowed = ", ".join(sorted(ACCEPTED_EXTENSIONS))
    return Rejected(name, f"неподдерживаемый формат файла «{ext}» (допустимы {allowed})")


def _record(name: str, obj: object, where: str) -> Item:
    if not isinstance(obj, dict):
        return Rejected(name, f"{where}ожидался объект JSON с полем text")
    fields = _fields(obj)
    if "text" not in fields:
        return Rejected(name, f"{where}нет текста статьи (поле text, body или content)")
    return Record(name, fields)


def _fields(obj: dict) -> dict[str, str]:
    """RECORD_FIELDS from a JSON object by any of their FIELD_NAMES; a source may be an
    object with a name ({"source": {"name": "ТАСС"}}, as feed dumps write it)."""
    by_key = {key.lower(): value for key, value in obj.items() if isinstance(key, str)}
    fields = {}
    for field_name, names in FIELD_NAMES.items():
        for key in names:
            value = by_key.get(key)
            if isinstance(value, dict):
                value = value.get("name") or value.get("title")
            if isinstance(value, str) and value.strip():
                fields[field_name] = value
                break
    return fields


def _decode(data: bytes) -> str | None:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None


def _json_items(name: str, data: bytes) -> Iterator[Item]:
    text = _decode(data)
    if text is None:
        yield Rejected(name, "JSON должен быть в кодировке UTF-8")
        return
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as exc:
        yield Rejected(name, f"строка {exc.lineno}: неверный JSON")
        return
    except RecursionError:
        yield Rejected(name, TOO_DEEP)
        return
    if isinstance(obj, list):
        if not obj:
            yield Rejected(name, "пустой список статей")
        for i, element in enumerate(obj, 1):
            yield _record(f"{name}[{i}]", element, f"элемент {i}: ")
    else:
        yield _record(name, obj, "")


def _jsonl_items(name: str, data: bytes) -> Iterator[Item]:
    text = _decode(data)
    if text is None:
        yield Rejected(name, "JSON должен быть в кодировке UTF-8")
        return
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError:
            yield Rejected(f"{name}:{lineno}", f"строка {lineno}: неверный JSON")
            continue
        except RecursionError:
            yield Rejected(f"{name}:{lineno}", f"строка {lineno}: {TOO_DEEP}")
            continue
        yield _record(f"{name}:{lineno}", obj, f"строка {lineno}: ")


def _member_name(info: zipfile.ZipInfo) -> str:
    """Russian Windows archivers write names in cp866 without the UTF-8 flag."""
    if info.flag_bits & 0x800:
        return info.filename
    try:
        return info.filename.encode("cp437").decode("cp866")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return info.filename


def _skip_reason(member: str, limits: Limits) -> str | None:
    """Why a zip member is not read, or None. Nothing is extracted to disk, but a name that
    climbs out of the archive (../x.txt, /etc/x) is refused so reports never show such paths."""
    path = PurePosixPath(member.replace("\\", "/"))
    if path.is_absolute() or ".." in path.parts:
        return "пропущен: небезопасное имя файла в архиве (путь выходит за пределы архива)"
    if _hidden(path.parts, limits):
        return "пропущен: скрытый или служебный файл (например, от архиватора macOS)"
    return None


def _zip_items(name: str, data: bytes, limits: Limits) -> Iterator[Item]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = [i for i in archive.infolist() if not i.is_dir()]
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError):
        yield Rejected(name, "повреждённый zip-архив")
        return
    with archive:
        skipped = [(m, _skip_reason(_member_name(m), limits)) for m in members]
        for info, reason in skipped:
            if reason:
                yield Rejected(f"{name}/{_member_name(info)}", reason)
        members = [m for m, reason in skipped if not reason]
        if len(members) > limits.max_zip_files:
            yield Rejected(
                name,
                f"слишком много файлов в архиве ({len(members)}, предел {limits.max_zip_files})",
            )
            return
        budget = limits.max_zip_total
        for info in members:
            member = f"{name}/{_member_name(info)}"
            ext = PurePosixPath(member).suffix.lower()
            if ext and ext not in ACCEPTED_EXTENSIONS:
                yield _unsupported(member, ext)
                continue
            ratio = info.file_size / max(info.compress_size, 1)
            if info.file_size > limits.ratio_floor and ratio > limits.max_ratio:
                yield Rejected(member, f"подозрение на zip-бомбу (сжатие в {ratio:.0f} раз)")
                continue
            if info.file_size > limits.max_file_bytes:
                yield Rejected(member, f"файл слишком большой ({_mb(info.file_size)})")
                continue
            cap = min(budget, limits.max_file_bytes)
            try:
                with archive.open(info) as fh:
                    content = fh.read(cap + 1)  # declared sizes can lie: never read past the cap
            except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError, RuntimeError):
                yield Rejected(member, "повреждённый или зашифрованный файл в архиве")
                continue
            if len(content) > cap:
                total = _mb(limits.max_zip_total)
                yield Rejected(
                    name, f"подозрение на zip-бомбу: распаковка больше {total}, остальное пропущено"
                )
                return
            budget -= len(content)
            yield from _dispatch(member, content, limits, in_zip=True)


def _mb(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} МБ"
