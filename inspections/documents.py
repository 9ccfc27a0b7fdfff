"""Bytes of a raw file to article text, or a reason a person can act on why not.

Every character span the extractors produce refers to the text returned here, which the
warehouse stores as `articles.body`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import charset_normalizer
from bs4 import BeautifulSoup

HTML_SUFFIXES = (".html", ".htm")
_HTML_SNIFF = re.compile(rb"^\s*(<!doctype html|<html|<head|<body)", re.IGNORECASE)
_BLANK_RUNS = re.compile(r"\n[ \t\r\f\v]*(?:\n[ \t\r\f\v]*)+")
_DROPPED_TAGS = ("script", "style", "noscript", "template", "svg", "nav", "footer", "form")
_BLOCK_TAGS = ("p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "br", "tr", "section",
               "article", "header", "title")
# charset-normalizer's "chaos" of a decoding: above this the bytes are not a text we can read.
MAX_CHAOS = 0.2


class UnreadableArticle(ValueError):
    """The file cannot be read as an article; the message says why."""


@dataclass(frozen=True, slots=True)
class Document:
    text: str
    encoding: str
    title: str | None = None


def _decode(data: bytes) -> tuple[str, str]:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict"), "utf-8-sig"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as error:
        first_bad = error.start
    best = charset_normalizer.from_bytes(data).best()
    if best is None or best.chaos > MAX_CHAOS:
        raise UnreadableArticle(
            f"not valid UTF-8 (bad byte at offset {first_bad}) and not readable in any other text encoding")
    return str(best), best.encoding


def _html_to_text(markup: str) -> tuple[str, str | None]:
    soup = BeautifulSoup(markup, "html.parser")
    title = soup.title.get_text(" ", strip=True) if soup.title else None
    for tag in soup(_DROPPED_TAGS):
        tag.decompose()
    if soup.head:
        soup.head.decompose()
    for tag in soup.find_all(_BLOCK_TAGS):
        tag.insert_before("\n\n")
        tag.insert_after("\n\n")
    text = soup.get_text()
    lines = [" ".join(line.split()) for line in text.split("\n")]
    body = "\n\n".join(line for line in lines if line)
    if title and not body.startswith(title):
        body = f"{title}\n\n{body}"
    return body, title


def read_document(data: bytes, filename: str) -> Document:
    """Decode a raw file: UTF-8 (with or without BOM), else the encoding charset-normalizer
    finds (e.g. Windows-1252 smart quotes); HTML pages are reduced to their visible text;
    line endings become \\n."""
    if not data:
        raise UnreadableArticle("empty file (0 bytes)")
    if b"\x00" in data:
        raise UnreadableArticle("binary file: it contains NUL bytes, so it is not text")
    text, encoding = _decode(data)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    title = None
    if filename.lower().endswith(HTML_SUFFIXES) or _HTML_SNIFF.match(data[:512]):
        text, title = _html_to_text(text)
    text = _BLANK_RUNS.sub("\n\n", text).strip()
    if not text:
        raise UnreadableArticle("the file holds no text (only white space or markup)")
    return Document(text=text, encoding=encoding, title=title)
