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
_HTML_SNIFF = re.compile(r"^\s*(<!doctype html|<html|<head|<body)", re.IGNORECASE)
_BLANK_RUNS = re.compile(r"\n[ \t\r\f\v]*(?:\n[ \t\r\f\v]*)+")
_DROPPED_TAGS = ("script", "style", "noscript", "template", "svg", "nav", "footer", "form")
_BLOCK_TAGS = ("p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "br", "tr", "section",
               "article", "header", "title")
# charset-normalizer's "chaos" of a decoding: above this the bytes are not a text we can read.
MAX_CHAOS = 0.2
# Below this share of ASCII bytes a file is not English text in Windows-1252.
MIN_ASCII_SHARE = 0.8
REPLACEMENT = "\ufffd"
# Above this share of control, byte-order-mark or private-use characters the bytes are not text.
MAX_CONTROL_SHARE = 0.05
_NON_ASCII = re.compile("[^\x00-\x7f\ufffd]")
_HIGH_BYTES = bytes(range(128, 256))
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ufeff\ufffe\uffff\ue000-\uf8ff]")
# Checked before NUL bytes: UTF-16 and UTF-32 text (Notepad's "Unicode") is full of them.
_BOMS = ((b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"), (b"\xef\xbb\xbf", "utf-8-sig"),
         (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))


class UnreadableArticle(ValueError):
    """The file cannot be read as an article; the message says why."""


@dataclass(frozen=True, slots=True)
class Document:
    text: str
    encoding: str
    title: str | None = None


def _utf8_with_few_bad_bytes(data: bytes) -> tuple[str, int] | None:
    """UTF-8 text with a few corrupt bytes (more well-formed non-ASCII characters than bad
    bytes) is read as UTF-8 with the bad bytes replaced: decoding it as a legacy encoding
    would turn every good character into mojibake."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count(REPLACEMENT) - data.count(REPLACEMENT.encode("utf-8"))
    well_formed = len(_NON_ASCII.findall(text))
    return (text, bad) if well_formed >= bad else None


def _latin_text(data: bytes) -> str | None:
    """Windows-1252, the usual legacy encoding of English text (smart quotes, £, dashes):
    used when it decodes the bytes and most of them are ASCII letters, digits or punctuation."""
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    ascii_share = len(data.translate(None, _HIGH_BYTES)) / len(data)
    return text if ascii_share >= MIN_ASCII_SHARE else None


def _decode(data: bytes) -> tuple[str, str]:
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec), codec
            except UnicodeDecodeError as error:
                raise UnreadableArticle(f"starts with a {codec.removesuffix('-sig')} byte-order mark but is not "
                                        f"valid {codec.removesuffix('-sig')} (bad byte at offset {error.start})"
                                        ) from None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as error:
        first_bad = error.start
    mostly_utf8 = _utf8_with_few_bad_bytes(data)
    if mostly_utf8 is not None:
        text, bad = mostly_utf8
        return text, f"utf-8 ({bad} invalid byte{'s' if bad > 1 else ''} replaced by U+FFFD)"
    latin = _latin_text(data)
    if latin is not None:
        return latin, "cp1252"
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
    """Decode a raw file: by its byte-order mark (UTF-8, UTF-16, UTF-32), else UTF-8 (a few
    corrupt bytes replaced), else Windows-1252 (smart quotes, £), else the encoding
    charset-normalizer finds; HTML pages are reduced to their visible text; line endings
    become \\n. Bytes that are not text raise `UnreadableArticle` with the reason."""
    if not data:
        raise UnreadableArticle("empty file (0 bytes)")
    if b"\x00" in data and not data.startswith(tuple(bom for bom, _ in _BOMS)):
        raise UnreadableArticle("binary file: it contains NUL bytes, so it is not text")
    text, encoding = _decode(data)
    control = len(_CONTROL.findall(text))
    if "\x00" in text or control > MAX_CONTROL_SHARE * len(text):
        raise UnreadableArticle(f"binary file: {control:,} of its {len(text):,} characters (as {encoding}) are "
                                "control codes, so it is not text")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    title = None
    if filename.lower().endswith(HTML_SUFFIXES) or _HTML_SNIFF.match(text[:512]):
        text, title = _html_to_text(text)
    text = _BLANK_RUNS.sub("\n\n", text).strip()
    if not text:
        raise UnreadableArticle("the file holds no text (only white space or markup)")
    return Document(text=text, encoding=encoding, title=title)
