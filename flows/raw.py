"""The raw folder: which files are there, what changed since the last run, and reading them.

The raw folder is the only place read. Paths never escape it: a symbolic link that points
outside is recorded as rejected and not followed.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import hashlib
import json
import logging
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from inspections.documents import Document, UnreadableArticle, read_document
from inspections.records import ArticleMeta

log = logging.getLogger(__name__)

MANIFEST = "manifest.csv"
META_SUFFIX = ".meta.json"
DEFAULT_MAX_BYTES = 5 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class RawFile:
    """A file in the raw folder, as listed: no bytes read yet."""

    source_file: str
    path: Path
    size: int
    mtime_ns: int
    outside_link: str | None = None
    special: str | None = None  # what it is when not a regular file: "named pipe", "socket", "device"
    metadata_sha256: str | None = None  # hash of what its metadata is read from; None without any
    sidecar: Path | None = None  # its own metadata file, `NAME.meta.json` or `STEM.meta.json`


@dataclass(frozen=True, slots=True)
class KnownArticle:
    """What the warehouse recorded about a file on an earlier run."""

    article_id: str
    source_file: str
    content_sha256: str
    file_size: int
    file_mtime_ns: int
    status: str
    text_sha256: str | None = None  # hash of the decoded text: the same text in other bytes is a duplicate
    metadata_sha256: str | None = None
    extraction_version: str | None = None  # the code that extracted it (`transform.extraction_version`)


@dataclass(frozen=True, slots=True)
class Discovery:
    """Files to read this run, and what is left as it was."""

    to_read: list[RawFile]
    new: set[str]
    unchanged: list[str]
    removed: list[KnownArticle]
    seen: int
    known: dict[str, KnownArticle]  # what the warehouse recorded, by file name


@dataclass(frozen=True, slots=True)
class RawArticle:
    """A file read from the raw folder: its bytes' hash, and its text or why it has none."""

    file: RawFile
    content_sha256: str
    meta: ArticleMeta
    document: Document | None = None
    reject_reason: str | None = None
    warnings: tuple[str, ...] = field(default_factory=tuple)

    @property
    def text_sha256(self) -> str | None:
        """Hash of the decoded text: a copy saved with another encoding or line endings repeats it."""
        if self.document is None:
            return None
        return hashlib.sha256(self.document.text.encode("utf-8")).hexdigest()


def _special_kind(mode: int) -> str | None:
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISFIFO(mode):
        return "named pipe"
    if stat.S_ISSOCK(mode):
        return "socket"
    return "device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "special file"


def _printable_name(relative: str) -> str:
    """A name whose bytes are not UTF-8 keeps them written out (`caf\\xe9.txt`), so it can be stored."""
    return os.fsencode(relative).decode("utf-8", "backslashreplace")


def list_raw_files(raw_dir: Path) -> list[RawFile]:
    """Every article file below the raw folder, sorted by name, with its metadata file if it has
    one and the hash of what its metadata is read from; hidden files and metadata are skipped.
    Folders that are symbolic links are not entered. (One `scandir` per folder: a file costs one
    `stat`, which matters at 100,000 files a run.)"""
    root = raw_dir.resolve()
    manifest = load_manifest(raw_dir)
    files = []
    folders = [root]
    while folders:
        folder = folders.pop()
        try:
            with os.scandir(folder) as listing:
                entries = list(listing)
        except OSError:
            continue
        prefix = "" if folder == root else folder.relative_to(root).as_posix() + "/"
        sidecars = {e.name: Path(e.path) for e in entries if e.name.endswith(META_SUFFIX) and _is_regular(e)}
        for entry in entries:
            name = entry.name
            if name.startswith("."):
                continue
            if _is_folder(entry):
                if not entry.is_symlink():
                    folders.append(Path(entry.path))
                continue
            if name == MANIFEST or name.endswith(META_SUFFIX):  # metadata, not articles
                continue
            path = Path(entry.path)
            outside = None
            try:
                if entry.is_symlink():
                    target = Path(os.path.realpath(path))  # unlike Path.resolve, no error on a loop
                    if not target.is_relative_to(root) or not target.is_file():
                        outside = _printable_name(os.readlink(path))
                info = entry.stat(follow_symlinks=outside is None)
            except OSError:  # gone since the folder was listed: the next run sees it as removed
                continue
            source_file = _printable_name(prefix + name)
            sidecar = sidecars.get(name + META_SUFFIX) or sidecars.get(path.stem + META_SUFFIX)
            files.append(RawFile(source_file, path, info.st_size, info.st_mtime_ns, outside,
                                 None if outside is not None else _special_kind(info.st_mode),
                                 _metadata_sha256(sidecar, _manifest_row(source_file, name, manifest)), sidecar))
    return sorted(files, key=lambda f: f.source_file)


def _is_folder(entry: os.DirEntry) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False


def _is_regular(entry: os.DirEntry) -> bool:
    """A regular file that is not a symbolic link: what a metadata file must be."""
    try:
        return not entry.is_symlink() and entry.is_file()
    except OSError:
        return False


def discover(raw_dir: Path, known: list[KnownArticle], extraction_version: str,
             full_refresh: bool = False) -> Discovery:
    """Compare the folder with the warehouse: files whose size and modification time match the
    recorded ones, read with the same metadata and extracted by the same code, are unchanged and
    are not read again."""
    files = list_raw_files(raw_dir)
    by_name = {k.source_file: k for k in known}
    present = {f.source_file for f in files}
    to_read, unchanged = [], []
    for f in files:
        previous = by_name.get(f.source_file)
        if (not full_refresh and previous is not None and previous.file_size == f.size
                and previous.file_mtime_ns == f.mtime_ns and previous.metadata_sha256 == f.metadata_sha256
                and previous.extraction_version == extraction_version):
            unchanged.append(f.source_file)
        else:
            to_read.append(f)
    removed = [k for k in known if k.source_file not in present]
    new = {f.source_file for f in files if f.source_file not in by_name}
    return Discovery(to_read=to_read, new=new, unchanged=unchanged, removed=removed, seen=len(files), known=by_name)


def _parse_date(value: object) -> dt.date | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise ValueError(value)
    return dt.date.fromisoformat(value.strip()[:10])


def _text(value: object) -> str | None:
    """A metadata value as text: numbers become text, lists and objects are not metadata."""
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return str(value).strip() or None
    return None


def _meta_from(record: dict, origin: str) -> tuple[ArticleMeta, tuple[str, ...]]:
    url, publisher = _text(record.get("url")), _text(record.get("publisher"))
    try:
        published = _parse_date(record.get("published_date"))
    except ValueError:
        return (ArticleMeta(url, publisher),
                (f"{origin}: published_date {record.get('published_date')!r} is not a YYYY-MM-DD date; ignored",))
    return ArticleMeta(url, publisher, published), ()


def load_manifest(raw_dir: Path) -> dict[str, dict]:
    """`manifest.csv` rows by file name (column `file` or `source_file`)."""
    path = raw_dir / MANIFEST
    if not path.is_file() or not path.resolve().is_relative_to(raw_dir.resolve()):
        return {}
    try:
        with path.open(newline="", encoding="utf-8-sig") as handle:
            rows = list(csv.DictReader(handle))
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        log.warning("%s is not a readable UTF-8 CSV file (%s); its metadata is ignored", path, error)
        return {}
    return {(row.get("file") or row.get("source_file") or "").strip(): row for row in rows}


def _manifest_row(source_file: str, name: str, manifest: dict[str, dict]) -> dict | None:
    """A file's row of `manifest.csv`, named by its path in the raw folder or by its name alone."""
    return manifest.get(source_file) or manifest.get(name) or None


def read_meta(file: RawFile, manifest: dict[str, dict]) -> tuple[ArticleMeta, tuple[str, ...]]:
    """`NAME.meta.json` beside the article wins over the folder's `manifest.csv`."""
    sidecar = file.sidecar
    if sidecar is not None:
        try:
            record = json.loads(sidecar.read_text(encoding="utf-8-sig"))
        except (OSError, ValueError) as error:
            return ArticleMeta(), (f"{sidecar.name}: unreadable metadata ({error}); ignored",)
        if isinstance(record, dict):
            return _meta_from(record, sidecar.name)
        return ArticleMeta(), (f"{sidecar.name}: metadata is not a JSON object; ignored",)
    row = _manifest_row(file.source_file, file.path.name, manifest)
    if row:
        return _meta_from(row, MANIFEST)
    return ArticleMeta(), ()


def _metadata_sha256(sidecar: Path | None, manifest_row: dict | None) -> str | None:
    """The hash of what `read_meta` reads (the sidecar's bytes, else the manifest row), so that
    editing an article's metadata makes it read again."""
    if sidecar is not None:
        try:
            data = sidecar.read_bytes()
        except OSError as error:
            data = f"unreadable: {error}".encode()
    else:
        data = json.dumps(manifest_row, sort_keys=True, default=str).encode() if manifest_row else None
    return hashlib.sha256(data).hexdigest() if data else None


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    """At most `max_bytes + 1` bytes of a regular file; opening never blocks (a named pipe put in
    place after the folder was listed is refused, not waited on)."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    with os.fdopen(fd, "rb") as handle:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise OSError(f"not a regular file but a {_special_kind(mode) or 'folder'}")
        return handle.read(max_bytes + 1)


def read_article(file: RawFile, manifest: dict[str, dict], max_bytes: int = DEFAULT_MAX_BYTES) -> RawArticle:
    """Read and decode one file; a file that cannot be an article gets a reject reason instead."""
    meta, warnings = read_meta(file, manifest)
    if file.outside_link is not None:
        digest = hashlib.sha256(file.outside_link.encode("utf-8")).hexdigest()
        return RawArticle(file, digest, meta, reject_reason=(
            f"symbolic link to {file.outside_link!r}, outside the raw folder, to no file or in a loop: "
            "not followed"),
            warnings=warnings)
    if file.special is not None:
        digest = hashlib.sha256(file.special.encode("utf-8")).hexdigest()
        return RawArticle(file, digest, meta, reject_reason=f"not a regular file but a {file.special}: not read",
                          warnings=warnings)
    if file.size > max_bytes:
        digest = hashlib.sha256()
        with file.path.open("rb") as handle:
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                digest.update(chunk)
        return RawArticle(file, digest.hexdigest(), meta, reject_reason=(
            f"file is {file.size:,} bytes, over the {max_bytes:,}-byte limit (max_bytes setting)"),
            warnings=warnings)
    try:
        data = _read_bytes(file.path, max_bytes)
    except OSError as error:
        return RawArticle(file, hashlib.sha256(b"").hexdigest(), meta,
                          reject_reason=f"cannot be read: {error.strerror or error}", warnings=warnings)
    digest = hashlib.sha256(data).hexdigest()
    if len(data) > max_bytes:
        return RawArticle(file, digest, meta, reject_reason=(
            f"file grew past the {max_bytes:,}-byte limit (max_bytes setting) while being read"), warnings=warnings)
    try:
        document = read_document(data, file.source_file)
    except UnreadableArticle as error:
        return RawArticle(file, digest, meta, reject_reason=str(error), warnings=warnings)
    return RawArticle(file, digest, meta, document=document, warnings=warnings)
