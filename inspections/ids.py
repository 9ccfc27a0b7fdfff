"""Stable ids: derived from content, never from row order, so re-runs and other machines agree."""

from __future__ import annotations

import hashlib


def stable_id(prefix: str, *parts: object) -> str:
    """A short readable id: the prefix and 16 hex digits of a hash of the parts."""
    joined = "\x1f".join(["" if p is None else str(p) for p in parts])
    return f"{prefix}_{hashlib.sha256(joined.encode('utf-8')).digest()[:8].hex()}"


def article_id(source_file: str) -> str:
    """An article is its file: editing the file keeps the id and replaces its rows."""
    return stable_id("article", source_file)
