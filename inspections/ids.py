"""Stable ids: derived from content, never from row order, so re-runs and other machines agree."""

from __future__ import annotations

import hashlib


def stable_id(prefix: str, *parts: object) -> str:
    """A short readable id: the prefix and 16 hex digits of a hash of the parts."""
    digest = hashlib.sha256("\x1f".join("" if p is None else str(p) for p in parts).encode("utf-8"))
    return f"{prefix}_{digest.hexdigest()[:16]}"


def article_id(source_file: str) -> str:
    """An article is its file: editing the file keeps the id and replaces its rows."""
    return stable_id("article", source_file)
