"""The raw folder: which files are there, what changed since the last run, and reading them.

The raw folder is the only place read. Paths never escape it: a symbolic link that points
outside is recorded as rejected and not followed.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
import logging
import os
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


@dataclass(frozen=True, slots=True)
class KnownArticle:
    """What the warehouse recorded about a file on an earlier run."""

    article_id: str
    source_file: str
    content_sha256: str
    file_size: int
    file_mtime_ns: int
    status: str


@dataclass(frozen=True, slots=True)
class Discovery:
    """Files to read this run, and what is left as it was."""

    to_read: list[RawFile]
    new: set[str]
    unchanged: list[str]
    removed: list[KnownArticle]
    seen: int


@dataclass(frozen=True, slots=True)
class RawArticle:
    """A file read from the raw folder: its bytes' hash, and its text or why it has none."""

    file: RawFile
    content_sha256: str
    meta: ArticleMeta
    document: Document | None = None
    reject_reason: str | None = None
    warnings: tuple[str, ...] = field(default_factory=tuple)


def _is_metadata(path: Path) -> bool:
    return path.name == MANIFEST or path.name.endswith(META_SUFFIX)


def list_raw_files(raw_dir: Path) -> list[RawFile]:
    """Every article file below the raw folder, sorted by name; hidden files and metadata are skipped."""
    root = raw_dir.resolve()
    files = []
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in filenames:
            path = Path(dirpath) / name
            if name.startswith(".") or _is_metadata(path):
                continue
            source_file = path.relative_to(root).as_posix()
            outside = None
            if path.is_symlink():
                target = path.resolve()
                if not target.is_relative_to(root) or not target.is_file():
                    outside = os.readlink(path)
            stat = path.lstat() if outside is not None else path.stat()
            files.append(RawFile(source_file, path, stat.st_size, stat.st_mtime_ns, outside))
    return sorted(files, key=lambda f: f.source_file)


def discover(raw_dir: Path, known: list[KnownArticle], full_refresh: bool = False) -> Discovery:
    """Compare the folder with the warehouse: files whose size and modification time match the
    recorded ones are unchanged and are not read again."""
    files = list_raw_files(raw_dir)
    by_name = {k.source_file: k for k in known}
    present = {f.source_file for f in files}
    to_read, unchanged = [], []
    for f in files:
        previous = by_name.get(f.source_file)
        if (not full_refresh and previous is not None and previous.file_size == f.size
                and previous.file_mtime_ns == f.mtime_ns):
            unchanged.append(f.source_file)
        else:
            to_read.append(f)
    removed = [k for k in known if k.source_file not in present]
    new = {f.source_file for f in files if f.source_file not in by_name}
    return Discovery(to_read=to_read, new=new, unchanged=unchanged, removed=removed, seen=len(files))


def _parse_date(value: str | None) -> dt.date | None:
    if not value:
        return None
    return dt.date.fromisoformat(value.strip()[:10])


def _meta_from(record: dict, origin: str) -> tuple[ArticleMeta, tuple[str, ...]]:
    try:
        published = _parse_date(record.get("published_date"))
    except ValueError:
        return (ArticleMeta(record.get("url") or None, record.get("publisher") or None),
                (f"{origin}: published_date {record.get('published_date')!r} is not a YYYY-MM-DD date; ignored",))
    return ArticleMeta(record.get("url") or None, record.get("publisher") or None, published), ()


def load_manifest(raw_dir: Path) -> dict[str, dict]:
    """`manifest.csv` rows by file name (column `file` or `source_file`)."""
    path = raw_dir / MANIFEST
    if not path.is_file():
        return {}
    with path.open(newline="", encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    return {(row.get("file") or row.get("source_file") or "").strip(): row for row in rows}


def read_meta(file: RawFile, manifest: dict[str, dict]) -> tuple[ArticleMeta, tuple[str, ...]]:
    """`NAME.meta.json` beside the article wins over the folder's `manifest.csv`."""
    sidecar = file.path.with_name(file.path.name + META_SUFFIX)
    stem_sidecar = file.path.with_suffix(META_SUFFIX)
    for candidate in (sidecar, stem_sidecar):
        if candidate.is_file() and not candidate.is_symlink():
            try:
                record = json.loads(candidate.read_text(encoding="utf-8-sig"))
            except (OSError, ValueError) as error:
                return ArticleMeta(), (f"{candidate.name}: unreadable metadata ({error}); ignored",)
            if isinstance(record, dict):
                return _meta_from(record, candidate.name)
            return ArticleMeta(), (f"{candidate.name}: metadata is not a JSON object; ignored",)
    row = manifest.get(file.source_file) or manifest.get(file.path.name)
    if row:
        return _meta_from(row, MANIFEST)
    return ArticleMeta(), ()


def read_article(file: RawFile, manifest: dict[str, dict], max_bytes: int = DEFAULT_MAX_BYTES) -> RawArticle:
    """Read and decode one file; a file that cannot be an article gets a reject reason instead."""
    meta, warnings = read_meta(file, manifest)
    if file.outside_link is not None:
        digest = hashlib.sha256(file.outside_link.encode("utf-8", "surrogateescape")).hexdigest()
        return RawArticle(file, digest, meta, reject_reason=(
            f"symbolic link to {file.outside_link!r}, outside the raw folder (or not a file): not followed"),
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
        data = file.path.read_bytes()
    except OSError as error:
        return RawArticle(file, hashlib.sha256(b"").hexdigest(), meta,
                          reject_reason=f"cannot be read: {error.strerror or error}", warnings=warnings)
    digest = hashlib.sha256(data).hexdigest()
    try:
        document = read_document(data, file.source_file)
    except UnreadableArticle as error:
        return RawArticle(file, digest, meta, reject_reason=str(error), warnings=warnings)
    return RawArticle(file, digest, meta, document=document, warnings=warnings)
