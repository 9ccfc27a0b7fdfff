"""Who says what in an article: quotation marks, attribution clauses, people and documents.

One pass over an article (`analyse`) finds

* every span between quotation marks (straight, curly, and single marks used as quotation
  marks; a quotation running over several paragraphs is one span; an unclosed quotation at the
  very end of a truncated article runs to the end),
* for each sentence, its attribution: who the sentence says said, found or wrote something
  ("Inspectors found ...", "..., the report said", "According to Ofsted, ..."),
* for each quotation, its speaker, read from the words before it ("Cllr X, role, said:"), after
  it (", said the report"), or its context (a paragraph that is only a quotation continues the
  speaker before it; He/She resolve to the most recent person, It to the document).

People are resolved to the full name the article first gives ("Ms Geere" -> "Tara Geere");
an unnamed "inspector" is the inspector the article names elsewhere. `quotes.py` and
`findings.py` read the result; it is cached per text, so calling both costs one analysis.

Everything is compiled regular expressions and word sets; nothing is learnt or downloaded.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterator, Sequence
from itertools import accumulate
from dataclasses import dataclass
from typing import NamedTuple

from inspections.text import Span, paragraphs, sentences_by_paragraph

try:  # reference data of English authorities; optional so this module stands alone in tests
    from inspections.authorities import find_authorities
except ImportError:  # pragma: no cover - the module ships with the project
    find_authorities = None  # type: ignore[assignment]

# --- keyword lexicons ------------------------------------------------------------------------------

try:  # the regex parser of the standard library
    from re import _constants as _sre_c  # type: ignore[attr-defined]
    from re import _parser as _sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - Python < 3.11
    import sre_constants as _sre_c  # type: ignore[no-redef]
    import sre_parse as _sre_parse  # type: ignore[no-redef]

_ANYWORD = "\x00"  # inside an expanded keyword: any run of word characters
_TOKEN_SPLIT = re.compile(r"([a-z0-9]+(?:'[a-z0-9]+)*)")
_MAX_EXPANSIONS = 400


class _Infinite(Exception):
    """A pattern that does not expand to a short list of token sequences."""


def _expand(items) -> list[str]:
    """Every string a parsed (simple) regular expression matches; word wildcards become _ANYWORD."""
    out = [""]
    for op, av in items:
        alts = _expand_item(op, av)
        out = [a + b for a in out for b in alts]
        if len(out) > _MAX_EXPANSIONS:
            raise _Infinite
    return out


def _expand_item(op, av) -> list[str]:
    c = _sre_c
    if op is c.LITERAL:
        return [chr(av).lower()]
    if op is c.IN:
        chars = []
        for iop, iav in av:
            if iop is c.LITERAL:
                chars.append(chr(iav).lower())
            elif iop is c.CATEGORY and iav is c.CATEGORY_SPACE:
                chars.append(" ")
            elif iop is c.RANGE and iav[1] - iav[0] < 12:
                chars.extend(chr(x) for x in range(iav[0], iav[1] + 1))
            else:
                raise _Infinite
        return sorted(set(chars))
    if op is c.BRANCH:
        return [s for branch in av[1] for s in _expand(branch)]
    if op is c.SUBPATTERN:
        return _expand(av[-1])
    if op in (c.AT, c.ASSERT_NOT, c.ASSERT):
        return [""]  # word boundaries: tokens have them already
    if op in (c.MAX_REPEAT, c.MIN_REPEAT):
        lo, hi, sub = av
        if len(sub) == 1 and sub[0][0] is c.IN and sub[0][1] == [(c.CATEGORY, c.CATEGORY_WORD)]:
            return [_ANYWORD]  # \w+ or \w*
        if len(sub) == 1 and sub[0][0] is c.IN and sub[0][1] == [(c.CATEGORY, c.CATEGORY_SPACE)]:
            return [" "] if lo else ["", " "]
        if hi > 3:
            raise _Infinite
        inner = _expand(sub)
        out: list[str] = []
        for k in range(lo, hi + 1):
            seqs = [""]
            for _ in range(k):
                seqs = [a + b for a in seqs for b in inner]
            out.extend(seqs)
        return out
    if op is c.CATEGORY and av is c.CATEGORY_SPACE:
        return [" "]
    raise _Infinite


def _token_pattern(tok: str) -> tuple[str, str] | str:
    """An expanded token: an exact word, or (prefix, suffix) around a word wildcard."""
    if _ANYWORD not in tok:
        return tok
    head, _, tail = tok.partition(_ANYWORD)
    return head, tail.replace(_ANYWORD, "")


def _token_ok(pattern, tok: str) -> bool:
    if isinstance(pattern, str):
        return pattern == tok
    head, tail = pattern
    return len(tok) >= len(head) + len(tail) and tok.startswith(head) and tok.endswith(tail)


def _split_top(pattern: str) -> list[str]:
    """The top-level branches of a pattern (split at '|' outside groups and classes)."""
    out, depth, start, i, in_class = [], 0, 0, 0, False
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            i += 2
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            out.append(pattern[start:i])
            start = i + 1
        i += 1
    out.append(pattern[start:])
    return out


class LexiconHit(NamedTuple):
    label: int  # index of the pattern that matched
    start: int  # character offsets in the scanned text
    end: int
    first_token: int  # token indices [first_token, last_token)
    last_token: int


class _Node:
    """A trie node: phrases continue by an exact next word or by a word pattern."""

    __slots__ = ("next", "loose", "labels", "one_word")

    def __init__(self) -> None:
        self.next: dict[str, _Node] = {}
        self.loose: list[tuple[tuple[str, str], _Node]] = []
        self.labels: dict[int, int] = {}  # channel -> the earliest pattern of that channel ending here
        # (channel, (label, 1)) for each label: the matches of a phrase that ends at its first word
        self.one_word: tuple[tuple[int, tuple[int, int]], ...] = ()


def _continues(node: _Node, tok: str) -> bool:
    """Can a phrase go on from `node` with the word `tok`? (Most phrases end at their first word.)"""
    if tok in node.next or (tok.endswith("'s") and tok[:-2] in node.next):
        return True
    for (prefix, suffix), _ in node.loose:  # a loop, not any(): most nodes have none
        if len(tok) >= len(prefix) + len(suffix) and tok.startswith(prefix) and tok.endswith(suffix):
            return True
    return False


class Lexicon:
    """Keyword patterns, matched word by word with dictionary look-ups.

    Each pattern is a small regular expression over words ("case ?loads?", "recruit\\w*",
    "not (?:\\w+ ){0,2}good"); at import it is expanded into every word sequence it matches and
    stored in a trie of words. Scanning lower-cases and tokenises a text once and, at each word
    that can start a phrase, walks the trie: the earliest pattern wins at a place, then the longest
    phrase, and the words it covers are not read again. Several independent lists of patterns
    ("channels") can share one scan: each gets its own matches. Patterns that cannot be expanded
    fall back to a regex.
    """

    def __init__(self, patterns: list[str] | None = None, channels: list[list[str]] | None = None):
        channels = channels if channels is not None else [patterns or []]
        self.n_channels = len(channels)
        self._root = _Node()
        self._fallback: list[tuple[int, int, re.Pattern]] = []
        self._cache: dict[str, list[_Node]] = {}
        self._by_prefix: dict[str, list[tuple[tuple[str, str], _Node]]] = {}
        for channel, pats in enumerate(channels):
            for label, pattern in enumerate(pats):
                for branch in _split_top(pattern):
                    try:
                        strings = _expand(_sre_parse.parse(branch))
                    except _Infinite:
                        rx = re.compile(r"(?<![a-z0-9])(?:" + branch + r")")
                        self._fallback.append((channel, label, rx))
                        continue
                    for string in set(strings):
                        toks = [_token_pattern(t) for t in string.replace("’", "'").replace("-", " ").split()]
                        if toks:
                            self._insert(toks, channel, label)
        nodes = [self._root]
        while nodes:
            node = nodes.pop()
            node.one_word = tuple((ch, (lab, 1)) for ch, lab in node.labels.items())
            nodes += node.next.values()
            nodes += [child for _, child in node.loose]
        short = []
        for pat, child in self._root.loose:
            if len(pat[0]) >= 3:
                self._by_prefix.setdefault(pat[0][:3], []).append((pat, child))
            else:
                short.append((pat, child))
        self._root.loose = short

    def _insert(self, toks: list, channel: int, label: int) -> None:
        node = self._root
        for pat in toks:
            if isinstance(pat, str):
                node = node.next.setdefault(pat, _Node())
            else:
                for existing, child in node.loose:
                    if existing == pat:
                        node = child
                        break
                else:
                    child = _Node()
                    node.loose.append((pat, child))
                    node = child
        if node.labels.get(channel, label + 1) > label:
            node.labels[channel] = label

    def _starts(self, tok: str) -> list[_Node]:
        """Trie nodes reached by reading `tok` as a phrase's first word."""
        root = self._root
        found = []
        if tok in root.next:
            found.append(root.next[tok])
        if tok.endswith("'s") and tok[:-2] in root.next:
            found.append(root.next[tok[:-2]])
        found += [child for pat, child in self._by_prefix.get(tok[:3], ()) if _token_ok(pat, tok)]
        found += [child for pat, child in root.loose if _token_ok(pat, tok)]
        if len(self._cache) < 50_000:
            self._cache[tok] = found
        return found

    def scan(self, text: str) -> list[LexiconHit]:
        """Every match of the first channel in `text`, left to right, without overlaps."""
        return self.scan_channels(text)[1][0]

    def scan_channels(self, text: str) -> tuple[list[str], list[list[LexiconHit]]]:
        """The text's lower-case tokens, and for each channel its matches, left to right."""
        low = text.lower().replace("’", "'")
        parts = _TOKEN_SPLIT.split(low)  # separators and tokens alternate: offsets by summing lengths
        toks = parts[1::2]
        nch = self.n_channels
        hits: list[list[LexiconHit]] = [[] for _ in range(nch)]
        blocked: list[list[tuple[int, int]]] = [[] for _ in range(nch)]
        for channel, label, rx in self._fallback:
            for m in rx.finditer(low):
                blocked[channel].append((m.start(), m.end()))
                hits[channel].append(LexiconHit(label, m.start(), m.end(), -1, -1))
        cache = self._cache
        offsets: list[int] | None = None
        n = len(toks)
        free = [0] * nch  # per channel: tokens before this one are covered by a match
        for i, tok in enumerate(toks):
            starts = cache.get(tok)
            if starts is None:
                starts = self._starts(tok)
            if not starts:  # most words start no phrase
                continue
            if offsets is None:
                offsets = list(accumulate(map(len, parts)))
            first = starts[0]
            if len(starts) == 1 and not (i + 1 < n and _continues(first, toks[i + 1])):
                found = first.one_word  # the phrase ends at this word
            else:
                best = {}
                stack = [(node, 1) for node in starts]
                while stack:
                    node, depth = stack.pop()
                    for ch, lab in node.labels.items():
                        cur = best.get(ch)
                        if cur is None or lab < cur[0] or (lab == cur[0] and depth > cur[1]):
                            best[ch] = (lab, depth)
                    if i + depth < n and (node.next or node.loose):
                        t = toks[i + depth]
                        child = node.next.get(t)
                        if child is None and t.endswith("'s"):
                            child = node.next.get(t[:-2])
                        if child is not None:
                            stack.append((child, depth + 1))
                        for pat, child in node.loose:
                            if len(t) >= len(pat[0]) + len(pat[1]) and t.startswith(pat[0]) and t.endswith(pat[1]):
                                stack.append((child, depth + 1))
                found = best.items()
            for ch, (lab, length) in found:
                if i < free[ch]:
                    continue
                j = i + length
                start, end = offsets[2 * i], offsets[2 * j - 1]
                if not (blocked[ch] and any(a < end and start < b for a, b in blocked[ch])):
                    hits[ch].append(LexiconHit(lab, start, end, i, j))
                free[ch] = j
        for ch in range(nch):
            if blocked[ch]:
                hits[ch].sort(key=lambda h: h.start)
        return toks, hits


# --- quotation marks ---------------------------------------------------------------------------

# a double mark, or a single one that is not an apostrophe inside a word (children’s, don't): those
# are most single marks, and `_mark_kind` would drop them (paragraph edges are white space)
_MARK = re.compile(r"[\"“”‘’'„‟](?:(?<=[\"“”„‟])|(?<![^\W_].)|(?![^\W_]))")
_DOUBLE = frozenset("\"“”„‟")
_OPENERS_BEFORE = frozenset("([{—–-/\u2022")
_CLOSE_FOLLOWERS = frozenset(".,;:!?)]}—–-…/")
MIN_QUOTE_WORDS = 6


@dataclass(slots=True)
class RawQuote:
    """A span between quotation marks. `start:end` is the text inside the outer marks."""

    open: int  # index of the opening mark
    start: int
    end: int
    close: int | None  # index of the closing mark; None when it ran to a paragraph's end
    family: str  # "double" or "single"
    n_paragraphs: int = 1
    words: int = 0
    is_name: bool = False  # a title or name in quotation marks: "the 'X' (ABC) framework"
    full: bool = False  # stands as its own sentence(s) rather than a phrase inside one
    sentence: int = -1  # index of the sentence holding the opening mark
    speaker: "Speaker | None" = None
    attributed: bool = False  # speaker read from the quote's own sentence, not context


def _mark_kind(ch: str, prev: str, nxt: str, after: str = " ") -> tuple[str | None, bool]:
    """('open' | 'close' | 'either' | None, weak). `prev`/`nxt` are ' ' at paragraph edges."""
    p_space = prev.isspace() or prev in _OPENERS_BEFORE or prev in "“‘\"'"
    n_space = nxt.isspace() or nxt in _CLOSE_FOLLOWERS or nxt in "”’\"'"
    if ch in "“„‟":
        return ("close", False) if (n_space and not p_space) else ("open", False)
    if ch == "”":
        return ("open", False) if (p_space and not n_space) else ("close", False)
    if ch == '"':
        if p_space and not n_space:
            return "open", False
        if n_space and not p_space:
            return "close", False
        if not p_space and not n_space:
            return "either", False
        # a quotation opening or closing on a quotation of its own ("'Good' is ...", "... 'good'.")
        if prev.isspace() or prev in _OPENERS_BEFORE:
            return ("open", False) if nxt in "‘'" else (None, False)
        if nxt.isspace() or nxt in _CLOSE_FOLLOWERS:
            return ("close", False) if prev in "’'" else (None, False)
        return None, False
    # single marks: ‘ ’ '
    if prev.isalnum() and nxt.isalnum():
        return None, False  # an apostrophe inside a word: children’s, don't
    if ch == "‘":
        return ("open", False) if not n_space else (None, False)
    if p_space and not n_space:
        return "open", False
    if n_space and not p_space:
        # a plural possessive (parents’ views) looks like a closing mark
        weak = prev in "sS" and nxt == " " and after.islower()
        return "close", weak
    return None, False


def _paragraph_marks(text: str, paras: list[Span]) -> list[list[tuple[int, str, str, bool]]]:
    """For each paragraph (in text order), (position, family, kind, weak) for every quotation mark
    in it: one scan of the text, as most paragraphs hold none."""
    out: list[list[tuple[int, str, str, bool]]] = [[] for _ in paras]
    if not paras:
        return out
    pi, last = 0, len(paras) - 1
    for m in _MARK.finditer(text):
        i = m.start()
        while pi < last and paras[pi].end <= i:  # marks come in order: the paragraph only moves on
            pi += 1
        para = paras[pi]
        if not para.start <= i < para.end:
            continue  # between paragraphs
        ch = text[i]
        prev = text[i - 1] if i > para.start else " "
        nxt = text[i + 1] if i + 1 < para.end else " "
        after = text[i + 2] if i + 2 < para.end else " "
        kind, weak = _mark_kind(ch, prev, nxt, after)
        if kind is not None:
            out[pi].append((i, "double" if ch in _DOUBLE else "single", kind, weak))
    return out


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def scan_quotes(text: str, paras: list[Span]) -> list[RawQuote]:
    """Every span between quotation marks, in order; see the module docstring."""
    quotes: list[RawQuote] = []
    marks = _paragraph_marks(text, paras)
    state: RawQuote | None = None
    skip = -1
    for pi, para in enumerate(paras):
        pm = marks[pi]
        for k, (pos, family, kind, weak) in enumerate(pm):
            if pos == skip:
                continue
            if state is None:
                if kind in ("open", "either"):
                    state = RawQuote(open=pos, start=pos + 1, end=pos + 1, close=None, family=family)
                continue
            if family != state.family:
                continue  # a quotation inside the quotation
            if kind == "open" and family == "double" and text[pos] != '"':
                # a second opening curly mark: either a typo for a closing one or a new quote
                continue
            if kind == "open" and family == "single":
                continue
            if weak and any(f == "single" and kd in ("close", "either") and not w
                            for _, f, kd, w in pm[k + 1:]):
                continue  # parents’ views: a later mark closes the quotation
            state.end, state.close = pos, pos
            quotes.append(state)
            state = None
        if state is not None:
            nxt = paras[pi + 1] if pi + 1 < len(paras) else None
            first = marks[pi + 1][0] if nxt is not None and marks[pi + 1] else None
            if (first is not None and first[0] == nxt.start and first[1] == state.family
                    and first[2] in ("open", "either")):
                state.n_paragraphs += 1
                skip = first[0]
                continue
            if state.family == "single" and nxt is not None:
                state = None  # an unclosed single mark is an apostrophe we misread
                continue
            s, e = _trim(text, state.start, para.end)
            state.start, state.end, state.close = s, e, None
            if e > s:
                quotes.append(state)
            state = None
    for q in quotes:
        q.start, q.end = _trim(text, q.start, q.end)
        inner = text[q.start:q.end]
        q.words = len(inner.split())
        q.is_name = _is_name_quote(text, q, inner)
    return quotes


_CLAUSE_PUNCTUATION = re.compile(r"[.!?;:,]")
_ACRONYM_AFTER = re.compile(r"\s*\(\s*[A-Z][A-Za-z]*[A-Z]\s*\)")


def _is_name_quote(text: str, q: RawQuote, inner: str) -> bool:
    """A title or name in quotation marks rather than words someone said."""
    if q.close is not None and _ACRONYM_AFTER.match(text, q.close + 1, q.close + 20):
        return True
    words = inner.split()
    if 3 <= len(words) <= 12 and not _CLAUSE_PUNCTUATION.search(inner):
        caps = sum(1 for w in words if w[:1].isupper())
        small = sum(1 for w in words if w.lower() in ("of", "and", "the", "for", "in", "a", "to", "on"))
        if caps and caps + small == len(words) and caps >= 2:
            return True
    return False


def mask_quotes(text: str, quotes: list[RawQuote]) -> str:
    """The text with every quotation (marks included) blanked out, offsets and line breaks unchanged
    (blank runs per line: a substitution per character cost more than the rest of the masking)."""
    if not quotes:
        return text
    parts = []
    last = 0
    for q in quotes:
        stop = q.close + 1 if q.close is not None else q.end
        if q.open < last:
            continue
        parts.append(text[last:q.open])
        quoted = text[q.open:stop]
        parts.append("\n".join(" " * len(line) for line in quoted.split("\n")))
        last = stop
    parts.append(text[last:])
    return "".join(parts)


# --- speakers ----------------------------------------------------------------------------------

@dataclass(slots=True, eq=False)
class Speaker:
    """Whoever a statement is attributed to: a person, a document, a body."""

    kind: str  # person | document | ofsted | council | other
    name: str | None = None
    role: str | None = None
    organisation: str | None = None
    speaker_type: str = "other"
    gender: str | None = None
    plural: bool = False
    inspector: bool = False

    @property
    def is_ofsted(self) -> bool:
        return self.speaker_type == "ofsted"


def document_speaker() -> Speaker:
    return Speaker(kind="document", organisation="Ofsted", speaker_type="ofsted")


def ofsted_body(plural: bool = True) -> Speaker:
    return Speaker(kind="ofsted", organisation="Ofsted", speaker_type="ofsted", plural=plural)


_TITLE_WORDS = {
    "cllr": None, "cllr.": None, "councillor": None, "coun": None, "coun.": None, "mayor": None,
    "mr": "m", "mr.": "m", "sir": "m", "lord": "m",
    "mrs": "f", "mrs.": "f", "ms": "f", "ms.": "f", "miss": "f", "dame": "f", "lady": "f",
    "baroness": "f", "dr": None, "dr.": None, "prof": None, "prof.": None, "professor": None,
    "rev": None, "rev.": None, "reverend": None,
}
_COUNCILLOR_TITLES = frozenset({"cllr", "cllr.", "councillor", "coun", "coun.", "mayor"})
_TITLE = (r"(?:Cllr\.?|Councillor|Coun\.?|Mayor|Mr\.?|Mrs\.?|Ms\.?|Miss|Dr\.?|Prof\.?|Professor|Sir|"
          r"Dame|Lord|Lady|Baroness|Rev\.?|Reverend)")
_NAME_TOKEN = r"(?:[A-Z][a-zà-ÿ]*[a-zà-ÿ](?:[A-Z][a-zà-ÿ]+)?(?:[-’'][A-Z][a-zà-ÿ]+)*)"
_OPENERS = """The This That These Those It Its In On At As A An And But However They Their He She We Our Ofsted
Inspectors Children Council Councils If When While Since After For Of To There""".split()


def _capital_not_opening(openers: list[str]) -> re.Pattern:
    """A capital that begins a word other than `openers`, with another capitalised word after the
    next space. The pattern leads with the capital, so the engine skips straight to capitals; from
    there it checks the next word first (most capitals have no capitalised word after them), then
    the letter before and the word it opens (a look-behind to the capital, then the rest of each
    opener). A name needs the next word: a title and a name, or two names; one capitalised word is
    never a name, and most capitals start a sentence or a place."""
    rests: dict[str, list[str]] = {}
    for word in openers:
        rests.setdefault(word[0], []).append(word[1:])
    words = "|".join(f"(?<={first})(?:{'|'.join(sorted(tails, key=len, reverse=True))})"
                     for first, tails in sorted(rests.items()))
    return re.compile(rf"[A-Z](?=\S*\s+[A-Z])(?<![\w’'].)(?!(?:{words})\b)")


# capitals that begin a word before another: the only places a name can start (found fast, then matched)
_WORD_CAPITAL = _capital_not_opening(_OPENERS)
_NAME_RUN = re.compile(rf"(?:(?P<title>{_TITLE})\s+)?(?P<name>{_NAME_TOKEN}(?:[ \t]+{_NAME_TOKEN}){{0,4}})")

# Capitalised words that are never part of a person's name here.
_NOT_NAME = frozenset("""
a an the in on at for of and or but to by from with into it he she they this that these those there
their his her its we our you i my me us them as if so yet also however meanwhile following after since
despite during while whilst when where what which who why how all some many more most other both each
council councils county city borough district metropolitan royal london children children’s children's
childrens child young people family families services service social care ofsted inspector inspectors
inspectorate regulator watchdog director directors executive chief national regional regulation
government department education committee cabinet member members trust partnership partnerships board
safeguarding authority authorities local mayor chairman chair chairwoman chairperson leader leaders
head minister secretary commissioner deputy assistant corporate strategic lead senior principal
hub team teams school schools health nhs police university college street road house nursery hall
town north south east west central greater new northern southern eastern western yorkshire midlands
lib dem dems
england english britain british uk monday tuesday wednesday thursday friday saturday sunday january
february march april may june july august september october november december labour conservative
conservatives tory tories liberal democrat democrats green greens party reform independent
inspection inspections report reports letter letters judgement judgment framework quality commission
unit agency office court group vision one two three four five first second third final joint targeted
area multi sexual abuse environment fire rescue probation constabulary today yesterday tomorrow week
month year spring summer autumn winter christmas covid coronavirus outstanding good inadequate
requires improvement improvements progress read comments comment rules rule picture photo image
statement media release news press association foundation charity society institute centre center
network forum alliance federation union academy mental adolescent strategy plan action level
political shift overall just last next final continued recognises standards standard early help
front door disabled leaving leavers looked after adoption fostering foster residential homes home
monitoring visit visits focused framework single area areas system systems performance management
his majesty’s majesty's hm hmi cqc dfe ilacs sif jtai mash camhs ccg lgc cyp now star times post echo
gazette mail herald chronicle observer guardian telegraph independent express mirror bbc itv
parliament mp mps member minister ministers education secretary department
detective superintendent sergeant constable commander
""".split())

_SURNAME_OK = frozenset("""green young hall house street road north south east west central head chair lord lady
park king church bishop may march april june july august day star post mail times new law read""".split())
_ROLE_WORDS = re.compile(
    r"\b(?:director|directors|chief executive|executive|head|manager|officer|spokes(?:wo)?man|spokesperson|"
    r"councillor|cllr|mayor|leader|cabinet member|lead member|portfolio holder|chair(?:man|woman|person)?|"
    r"member|inspector|hmi|commissioner|minister|secretary|president|chief|deputy|lead)\b")
# "Ofsted inspector Jane Smith", "lead inspector Jane Smith", "HMI Jane Smith"
_INSPECTOR_BEFORE = re.compile(r"((?:\b[\w’']+\s+){0,2})(?:inspector|hmi)\s*,?\s*$", re.I)
_ROLE_BEFORE = re.compile(r"\b(?:inspector|director|councillor|chief executive|leader|mayor|member|"
                          r"chair(?:man|woman|person)?|manager|head|officer|minister|secretary|spokes\w+)\s*,?\s*$")
_INSPECTOR_AFTER = re.compile(r",\s*(?:the\s+|an?\s+)?(?:lead\s+|senior\s+)?(?:ofsted\s+)?inspector\b", re.I)
_OFSTEDS = re.compile(r"(?i:ofsted)['’]s")
_COMMA_AFTER_NAME = re.compile(r"\s*,\s*(?:(?:the\s+|a\s+|an\s+)?[a-z]|[A-Z][a-z]+ (?:of|for)\b)")
_SAID_BEFORE = re.compile(r"(?:\b(?:said|says|added|according to)\s+|,\s*)$", re.I)
_INSPECTOR_ROLE = re.compile(r"\b(?:inspectors?|hmi|his majesty['’]s inspector)\b", re.I)
_COUNCILLOR_ROLE = re.compile(
    r"\b(?:councillor|cllr|mayor|cabinet member|lead member|portfolio holder|(?:council|opposition|"
    r"group|party|deputy) leader|leader of (?:the )?(?:\w+ )?(?:council|opposition|group)|"
    r"chair(?:man|woman|person)? of (?:the )?[\w ,’'&-]*?(?:committee|scrutiny|panel|board)|"
    r"committee chair(?:man|woman|person)?|scrutiny)\b", re.I)
_OFFICER_ROLE = re.compile(
    r"\b(?:director|chief executive|head of|service manager|officer|spokes(?:wo)?man|spokesperson|"
    r"assistant director|corporate director|executive director|manager)\b", re.I)
_OTHER_ORG = re.compile(
    r"\b(?:Nursery|School|Academy|NSPCC|Barnardo|Police|Constabulary|NHS|CCG|Charity|Union|Association|"
    r"Federation|Party|University|College|Commission|Society|Foundation|Institute|Ltd|Limited|plc|Partnership|"
    r"Department for|DfE|Government|[A-Z]{2,}(?=\s+(?:spokes(?:wo)?man|spokesperson|representative)))\b")
_OFSTED_WORD = re.compile(r"\bofsted\b", re.I)


@dataclass(slots=True)
class _NameHit:
    start: int
    end: int
    title: str | None
    tokens: list[str]
    prefix: list[str]  # capitalised role words dropped from the front ("Ofsted Inspector")


def find_names(text: str, start: int = 0, end: int | None = None,
               places: list[tuple[int, int]] | None = None) -> list[_NameHit]:
    """Person-like names in text[start:end]: "Cllr Jane Smith", "Mr Smith", "Jane Smith"."""
    end = len(text) if end is None else end
    hits: list[_NameHit] = []
    done = start
    for cap in _WORD_CAPITAL.finditer(text, start, end):
        if cap.start() < done:
            continue
        m = _NAME_RUN.match(text, cap.start(), end)
        if m is None:
            continue
        done = m.end()
        given_title = m.group("title")
        raw = m.group("name")
        if given_title is None and " " not in raw and "\t" not in raw:
            continue  # one word and no title: never a name (the checks below would all drop it)
        parts = _name_parts(given_title, raw)
        if parts is None:
            continue
        title, prefix, tokens = parts
        tok_start = m.start("name")
        for p in prefix:
            tok_start = text.index(p, tok_start) + len(p)
        name_start = text.index(tokens[0], tok_start)
        name_end = m.end("name")
        if places and any(ps < name_end and name_start < pe for ps, pe in places):
            continue
        hit_start = m.start() if (given_title and not prefix) else name_start
        hits.append(_NameHit(hit_start, name_end, title, list(tokens), list(prefix)))
    return hits


@functools.lru_cache(maxsize=4096)
def _name_parts(title: str | None, raw: str) -> tuple[str | None, tuple[str, ...], tuple[str, ...]] | None:
    """(title, role words before the name, the name's words) of a run of capitalised words, or None
    when it is no person's name. Cached: a word run's reading does not depend on where it stands,
    and an article repeats its people and its bodies' names."""
    tokens = raw.split()
    lows = [t.lower() for t in tokens]
    # drop role/organisation words and titles at the front: "Ofsted Inspector Tara Geere",
    # "County Councillor Jane Smith"
    k = 0
    while k < len(lows):
        if lows[k] in _TITLE_WORDS:
            title = tokens[k]
        elif lows[k].strip("’'") not in _NOT_NAME:
            break
        k += 1
    prefix, tokens, lows = tokens[:k], tokens[k:], lows[k:]
    if not tokens:
        return None
    # a run with an organisation word is an organisation ("Tara Geere" ok, "Essex County" not,
    # "Jane Smith Council" neither); after a first name, words like Green, Young or Hall are surnames
    if not _NOT_NAME.isdisjoint(lows) and any(
            w in _NOT_NAME and not (k and w in _SURNAME_OK) for k, w in enumerate(lows)):
        return None
    if prefix and title is None:
        t0 = prefix[-1].lower().rstrip(".")
        if t0 in _TITLE_WORDS:
            title = prefix[-1]
    if (title is None and len(tokens) < 2) or len(tokens) > 3:
        return None
    return title, tuple(prefix), tuple(tokens)


def _inspector_before(before: str, low: str) -> re.Match | None:
    """"Ofsted inspector " or "lead inspector, " ending `before` (its lower-cased copy `low`): the
    pattern is searched only when the word is there, as most names follow no inspector."""
    if "inspector" not in low and "hmi" not in low:
        return None
    return _INSPECTOR_BEFORE.search(before)


@dataclass(slots=True, eq=False)
class _Person:
    full: str | None
    surname: str
    gender: str | None = None
    role: str | None = None
    organisation: str | None = None
    title: str | None = None
    speaker: Speaker | None = None


# --- attribution verbs -----------------------------------------------------------------------

_SPEECH_VERBS = """said says say added adds adding stated states wrote writes concluded concludes warned warns
explained explains commented comments told tells noted notes highlighted highlights found finds praised
praises reveals revealed reported reports acknowledged acknowledges remarked insisted insists claimed claims
observed observes described describes emphasised emphasises emphasized emphasizes stressed stresses
criticised criticises criticized criticizes recognised recognises recognized recognizes agreed agrees
believes believed felt feels judged commended commends urged urges recommended recommends identified
identifies admitted admits declared announced summarised summarises responded replied welcomed welcomes
advised advises confirmed confirms saw sees considered considers rated raised reads read continued
continues impressed pleased encouraged concerned satisfied posted tweeted""".split()
SPEECH_VERB = re.compile(r"\b(?:" + "|".join(sorted(_SPEECH_VERBS, key=len, reverse=True)) + r")\b", re.I)


def _trie_pattern(words: list[str]) -> str:
    """One regex for many words, factored on shared prefixes (fewer branches to try)."""
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        alts = [re.escape(ch) + build(node[ch]) for ch in sorted(k for k in node if k)]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body

    return build(trie)


_SPEECH_VERB_TRIE = _trie_pattern(_SPEECH_VERBS)
# SPEECH_VERB for lower-cased text: much faster than re.I, and factored (a whole word is one verb
# at most, so the order of the alternatives does not change what is found)
_SPEECH_VERB_L = re.compile(r"(?<![a-z])" + _SPEECH_VERB_TRIE + r"(?![a-z])")
# For scanning a lower-cased sentence: a verb at its start, then verbs after a character that is
# not a letter a-z. The expression leads with that character, so the engine skips from one to the
# next (most characters are letters), where a verb-first look-behind would stop it at every letter.
_SPEECH_VERB_AT = re.compile(_SPEECH_VERB_TRIE + r"(?![a-z])")
_SPEECH_VERB_AFTER = re.compile(r"[^a-z](" + _SPEECH_VERB_TRIE + r")(?![a-z])")
_STOP = re.compile(r"[.!?\n]")


def _verbs_in(low: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, verb) of the speech verbs in lower-cased text, left to right: what
    _SPEECH_VERB_L.finditer finds, from the characters before words rather than at every letter."""
    first = _SPEECH_VERB_AT.match(low)
    if first is not None:
        yield 0, first.end(), first.group()
    for v in _SPEECH_VERB_AFTER.finditer(low, first.end() if first is not None else 0):
        yield v.start(1), v.end(), v.group(1)


def _verbs_by_sentence(low: str, sentences: list[Span]) -> list[Sequence[tuple[int, int, str]]]:
    """For each sentence, (start, end, verb) of its speech verbs in the lower-cased text `low`,
    leaving out those after another letter (é): inside a longer word. One scan of the whole text
    rather than one per sentence: white space lies between sentences and verbs are single words,
    so both find the same verbs. Most sentences have none: the empty tuple stands for their list."""
    found: dict[int, list[tuple[int, int, str]]] = {}
    si, last = 0, len(sentences) - 1
    for start, end, verb in _verbs_in(low):
        if start and low[start - 1].isalpha():
            continue
        while si < last and sentences[si].end <= start:
            si += 1
        if sentences and sentences[si].start <= start and end <= sentences[si].end:
            found.setdefault(si, []).append((start, end, verb))
    return [found.get(si, ()) for si in range(len(sentences))]
_NON_ATTRIBUTION_VERBS = frozenset({"rated", "judged", "read", "continued", "continues", "adding"})
_PASSIVE_BEFORE = re.compile(r"\b(?:is|are|was|were|be|been|being)\s+(?:\w+ly\s+|also\s+|not\s+)?$", re.I)
# "were impressed with", "was pleased": a passive form that still names who judged
_STATE_VERB_HEADS = frozenset({"impr", "plea", "enco", "conc", "sati"})
_HAVE_BEFORE = re.compile(r"\b(?:has|have|had)\s+(?:also\s+)?$", re.I)

_LEADING_DISCOURSE = re.compile(
    r"^(?:(?:however|but|and|also|meanwhile|overall|furthermore|moreover|additionally|separately|similarly|"
    r"instead|indeed|so|yet|still|then|finally|now|today|yesterday|crucially|importantly|notably|"
    r"in addition|in summary|in conclusion|in response|elsewhere|as a result|in particular)\b[,\s]*)+",
    re.I)
_ADVERBIAL_CHUNK = re.compile(
    r"^(?:in|on|at|after|following|since|with|despite|during|before|ahead|when|while|whilst|as|although|"
    r"though|speaking|responding|commenting|reacting|writing|last|earlier|later|now|today|yesterday|this|"
    r"however|but|meanwhile|overall|also|furthermore|moreover|additionally|separately|similarly|elsewhere|"
    r"instead|indeed|so|yet|then|finally|just|under|over|within|across|according|for|from|by|of|to|"
    r"once|if|because|given|having|once|until|upon)\b", re.I)
_RELATIVE_CHUNK = re.compile(r"^(?:which|who|whose|whom|known|brought|published|carried|led|set|"
                             r"including|based|along|together|as well as|alongside)\b", re.I)
# Starts only after a non-space and takes a run of white space whole: a match inside a run could
# start at the run's start too, and every alternative begins with a letter. Masked quotations
# leave long runs of spaces in a subject, where the plain "\s+" backtracked through every position.
_TRAILING_ADVERBS = re.compile(
    r"(?<!\s)(?:\s++(?:also|further|specifically|previously|today|now|then|again|yesterday|recently|"
    r"has|have|had|did|does|do|would|will|could|had|clearly|rightly|particularly|last week|this week|"
    r"in (?:a|its|their|the) (?:\w+ )?(?:letter|report|statement)))+$", re.I)
_HEAD_CUT = re.compile(
    r"\s(?:from|to|of|for|in|at|on|by|with|who|which|that|whose|published|carried|led|following|after|"
    r"into|about|through|under|over|during|since|visiting|who've|behind)\b")
_POSSESSIVE = re.compile(r"['’]s?$")

_DOC_NOUNS = frozenset("""report reports letter letters judgement judgment findings verdict summary
document publication outcome outcomes""".split())
_OFSTED_NOUNS = frozenset("""inspectors inspectorate inspectorates regulator watchdog ofsted hmi visit re-inspection
inspection team inspections regulators watchdogs jtai""".split())
_SINGLE_INSPECTOR = frozenset({"inspector"})
_COUNCIL_NOUNS = frozenset("""council authority borough councils spokesperson spokesman spokeswoman
trust cabinet administration""".split())
_COUNCILLOR_NOUNS = frozenset({"councillors", "members", "councillor", "cllrs"})
# members of the public a reporter quotes: "a care leaver", "one mother", "a foster carer"
_LAY_PEOPLE = frozenset("""parent mother father mum dad grandmother grandfather grandparent carer leaver
person teenager resident relative aunt uncle daughter son pupil student campaigner survivor woman man girl
boy""".split())
_ONE_OF = frozenset("a an one another".split())
_LAY_GENDER = {"mother": "f", "mum": "f", "grandmother": "f", "aunt": "f", "daughter": "f", "woman": "f",
               "girl": "f", "father": "m", "dad": "m", "grandfather": "m", "uncle": "m", "son": "m",
               "man": "m", "boy": "m"}
# a member of the public opening a sentence ("One mum from the estate", "A care leaver"); led by the
# capital so the engine skips to it
_LAY_SUBJECT = re.compile(r"(?:One|Another|An?)\s+(?:[a-z-]+\s+){0,2}?(" + "|".join(sorted(_LAY_PEOPLE)) + r")\b")
# the place a member of the public comes from, named right after them ("A foster carer from Ashford,")
_LAY_FROM_PLACE = re.compile(_LAY_SUBJECT.pattern + r"\s+(?:from|in)\s+$")
_FIRST_NAME = re.compile(r"[A-Z][a-z]+")
_AGE = re.compile(r"\d{1,2}|aged \d{1,2}")
# an age set off by commas after a name: the way a reporter introduces a member of the public
# ("Jo Bell, 34, said", "For Marcus, 21, who spent years in care, ...")
_AGE_AFTER_NAME = re.compile(r"\s*,\s*(?:aged\s+)?\d{1,2}\s*,")
_FIRST_NAME_AGED = re.compile(r"(?<![\w’'])([A-Z][a-z]+)" + _AGE_AFTER_NAME.pattern)
_AFTER_NAME_VERB = re.compile(r"\s*(?:has\s+|had\s+|also\s+)?" + _SPEECH_VERB_L.pattern)
_UPPER = re.compile(r"[A-Z]")
_ACRONYM = re.compile(r"[A-Z]{2,}[a-z]?")
_PROPER_NOUN_ORG = re.compile(r"(?:(?:The|A|An)\s+)?([A-Z][\w’'&.-]*(?:\s+(?:[A-Z][\w’'&.-]*|for|of|and|the|&))*)")
_COUNCIL_POSSESSIVE = re.compile(r"\b(?:council|authority|cabinet|trust)['’]s?\b", re.I)
_PRONOUNS = {"he": "m", "she": "f", "it": None, "they": None, "we": None, "i": None}


class _Registry:
    """People named in an article, resolvable by surname, and where each is mentioned."""

    def __init__(self, text: str, masked: str, lower: str, places: list[tuple[int, int]]):
        self.text = text
        self.by_surname: dict[str, _Person] = {}
        self.mentions: list[tuple[int, Speaker]] = []  # (position, speaker), sorted on insert
        self.inspector: _Person | None = None
        self.places = places
        self.masked = masked
        self.subjects: list[tuple[int, Speaker]] = []  # subjects of attribution, in order
        self._prescan(masked, lower)

    def _prescan(self, masked: str, lower: str) -> None:
        text = self.text
        for hit in find_names(masked, places=self.places):
            surname = hit.tokens[-1]
            key = surname.lower()
            person = self.by_surname.get(key)
            gender = _TITLE_WORDS.get(hit.title.lower()) if hit.title else None
            prefix = " ".join(hit.prefix)
            before = masked[max(0, hit.start - 40):hit.start]
            lead = _inspector_before(before, lower[max(0, hit.start - 40):hit.start])
            is_inspector = bool(_INSPECTOR_ROLE.search(prefix)) or bool(
                _INSPECTOR_AFTER.match(text, hit.end, hit.end + 40)) or lead is not None
            if person is None:
                person = _Person(full=" ".join(hit.tokens) if len(hit.tokens) >= 2 else None,
                                 surname=surname, gender=gender, title=hit.title)
                self.by_surname[key] = person
            else:
                if person.full is None and len(hit.tokens) >= 2:
                    person.full = " ".join(hit.tokens)
                if gender and not person.gender:
                    person.gender = gender
                if hit.title and not person.title:
                    person.title = hit.title
            if hit.prefix and not person.role:
                person.role = _prefix_role(hit.prefix, hit.title)
                if _OFSTED_WORD.search(prefix):
                    person.organisation = "Ofsted"
            if is_inspector:
                if not person.role:
                    person.role = "Ofsted inspector"
                    words = [w for w in (lead.group(1).split() if lead else [])
                             if w.lower() not in ("the", "a", "an", "and", "by", "from", "with", "of")]
                    words = [w for w in words if not _OFSTEDS.fullmatch(w)]
                    if words and words[-1].lower() != "ofsted":
                        person.role = " ".join(w.lower() for w in words[-1:]) + " inspector"
                person.organisation = person.organisation or "Ofsted"
                if self.inspector is None:
                    self.inspector = person
            if self._person_context(masked, lower, hit):
                self.mentions.append((hit.start, self.speaker_for(person)))

    @staticmethod
    def _person_context(masked: str, lower: str, hit: _NameHit) -> bool:
        """Is this run of capitalised words a person, not a place or a headline?"""
        if hit.title or hit.prefix:
            return True
        after_end = hit.end + 60
        if _COMMA_AFTER_NAME.match(masked, hit.end, after_end) or _AGE_AFTER_NAME.match(masked, hit.end, after_end):
            return True
        if _AFTER_NAME_VERB.match(masked[hit.end:after_end].lower()):
            return True
        before = lower[max(0, hit.start - 40):hit.start]
        return bool(_SAID_BEFORE.search(before) or _ROLE_BEFORE.search(before))

    def speaker_for(self, person: _Person) -> Speaker:
        if person.speaker is None:
            person.speaker = Speaker(kind="person", gender=person.gender)
        sp = person.speaker
        sp.name = person.full or (f"{person.title} {person.surname}" if person.title else person.surname)
        sp.gender = person.gender
        if person.role and not sp.role:
            sp.role = person.role
        if person.organisation and not sp.organisation:
            sp.organisation = person.organisation
        if person is self.inspector:
            sp.inspector = True
        if person is self.inspector or person.organisation == "Ofsted":
            sp.speaker_type, sp.organisation = "ofsted", "Ofsted"
        return sp

    def person(self, tokens: list[str], title: str | None) -> _Person:
        key = tokens[-1].lower()
        person = self.by_surname.get(key)
        if person is None:
            person = _Person(full=" ".join(tokens) if len(tokens) >= 2 else None, surname=tokens[-1],
                             gender=_TITLE_WORDS.get(title.lower()) if title else None, title=title)
            self.by_surname[key] = person
        return person

    def add_mention(self, pos: int, speaker: Speaker) -> None:
        keys = [p for p, _ in self.mentions]
        self.mentions.insert(bisect.bisect_right(keys, pos), (pos, speaker))

    def latest_person(self, pos: int, gender: str | None) -> Speaker | None:
        """The person a pronoun at `pos` stands for: the last one named before it, unless a member
        of the public comes after that: one opening a sentence ("One mum ... wasn't so sure. "...,"
        she said") or one named by first name and age ("For Marcus, 21, who ... "...," he said")."""
        since = max(0, pos - 600)
        found = None
        for p, sp in reversed(self.mentions):
            if p >= pos or sp.kind != "person":
                continue
            if gender and sp.gender and sp.gender != gender:
                continue
            lay = _LAY_FROM_PLACE.search(self.masked, max(0, p - 60), p)
            found, since = sp, max(lay.start() if lay else p + 1, since)
            break
        aged = None
        for m in _FIRST_NAME_AGED.finditer(self.masked, since, pos):
            if m.group(1).lower() not in _NOT_NAME:
                aged = m
        if aged is not None:
            found, since = self.speaker_for(self.person([aged.group(1)], None)), aged.end()
            found.speaker_type = "other"
        for m in reversed(list(_LAY_SUBJECT.finditer(self.masked, since, pos))):
            lay_gender = _LAY_GENDER.get(m.group(1))
            if (m.start() == 0 or not self.masked[m.start() - 1].isalnum()) and not (
                    gender and lay_gender and lay_gender != gender):
                return Speaker(kind="person", speaker_type="other", gender=lay_gender)
        return found

    def latest_subject(self, pos: int, kinds: tuple[str, ...], plural: bool | None = None) -> Speaker | None:
        for p, sp in reversed(self.subjects):
            if p >= pos:
                continue
            if sp.kind in kinds and (plural is None or sp.plural == plural or sp.kind == "document"):
                return sp
        return None


def _prefix_role(prefix: list[str], title: str | None) -> str | None:
    words = [w for w in prefix if w.lower().rstrip(".") not in _TITLE_WORDS]
    if not words and title and title.lower().rstrip(".") == "mayor":
        return "mayor"
    if not words:
        return None
    out = []
    for w in words:
        out.append(w if (w.isupper() or _OFSTED_WORD.fullmatch(w)) else w.lower())
    return " ".join(out)


# --- classifying a subject -------------------------------------------------------------------

def _clean_subject(subject: str) -> str:
    s = subject.strip(" \t\n,;:–—-\"“”‘’'•")
    s = _LEADING_DISCOURSE.sub("", s)
    if len(s) > 80:
        s = s[:-80] + _TRAILING_ADVERBS.sub("", s[-80:])
    else:
        s = _TRAILING_ADVERBS.sub("", s)
    return s.strip(" \t\n,;:–—-")


_CHUNK_SEPARATOR = re.compile(r"\s*[,(){}\[\]]\s*|\s+[–—]\s+")


def _chunks(subject: str) -> list[str]:
    parts = [p.strip() for p in _CHUNK_SEPARATOR.split(subject)]
    parts = [p for p in parts if p]
    # leading adverbial chunks: "In a letter published on 2 August, Ofsted inspector X"
    while len(parts) > 1 and _ADVERBIAL_CHUNK.match(parts[0]):
        parts.pop(0)
    return parts


def _last_word(phrase: str) -> str:
    words = phrase.split()
    if not words:
        return ""
    return _POSSESSIVE.sub("", words[-1].lower().strip(".,;:\"“”‘’"))


class _SubjectReading(NamedTuple):
    """What the words before a speech verb name, as far as those words alone tell."""

    names: tuple[_NameHit, ...]  # people named in the head chunk, before places are ruled out
    head_chunk: str
    rest: tuple[str, ...]  # the chunks after the head chunk
    otherwise: tuple[str, object]  # (kind, detail) of the speaker when no person is named


_NOBODY = ("none", None)


# a spokesperson or official after an organisation's name, which may hold "for" or "of"
_SPOKESPERSON_AT_END = re.compile(r"\b(?:spokes(?:wo)?man|spokesperson|official|representative)$", re.I)


@functools.lru_cache(maxsize=8192)
def _read_subject(subject: str, allow_org: bool) -> _SubjectReading:
    """The article-independent part of `_Resolver.classify` (cached: "Inspectors", "The report"
    and the article's people recur); the resolver completes it from what the article said before."""
    s = _clean_subject(subject)
    if not s or len(s) > 220:
        return _SubjectReading((), "", (), _NOBODY)
    low = s.lower()
    if low in _PRONOUNS:
        return _SubjectReading((), "", (), ("pronoun", low))
    chunks = _chunks(s)
    if not chunks:
        return _SubjectReading((), "", (), _NOBODY)
    head_chunk, rest = chunks[0], tuple(chunks[1:])
    if _RELATIVE_CHUNK.match(head_chunk):
        return _SubjectReading((), head_chunk, rest, _NOBODY)
    cut = _HEAD_CUT.search(head_chunk.lower())
    head = head_chunk[:cut.start()] if cut else head_chunk
    if cut and _SPOKESPERSON_AT_END.search(head_chunk) and head_chunk[cut.end():].lstrip()[:1].isupper():
        head = head_chunk  # "A Department for Education spokesperson": the cut fell inside the body's name
    head_words = head.split()
    if len(head_words) > 8:
        return _SubjectReading((), head_chunk, rest, _NOBODY)
    last = _last_word(head)
    if last in _PRONOUNS and len(head_words) == 1:
        return _SubjectReading((), head_chunk, rest, ("pronoun", last))
    if last in _DOC_NOUNS:
        if _COUNCIL_POSSESSIVE.search(head) and not _OFSTED_WORD.search(head):
            return _SubjectReading((), head_chunk, rest, ("council", head))
        return _SubjectReading((), head_chunk, rest, ("document", None))
    if cut and last in _LAY_PEOPLE and head_words[0].lower() in _ONE_OF:
        # "One mum who contacted Town Matters": a name after the head noun is not the speaker's
        return _SubjectReading((), head_chunk, rest, _unnamed_subject(head_chunk, rest, head, last, allow_org))
    names = tuple(find_names(head_chunk, places=None)) if _UPPER.search(head_chunk, 1) else ()
    return _SubjectReading(names, head_chunk, rest, _unnamed_subject(head_chunk, rest, head, last, allow_org))


def _unnamed_subject(head_chunk: str, rest: tuple[str, ...], head: str, last: str,
                     allow_org: bool) -> tuple[str, object]:
    """(kind, detail) of a subject whose head chunk names no person."""
    head_words = head.split()
    if last in _SINGLE_INSPECTOR or (last == "hmi" and len(head_words) <= 2):
        return "inspector", None
    if last in _OFSTED_NOUNS or (_OFSTED_WORD.search(head) and last not in _COUNCIL_NOUNS
                                  and not _ROLE_WORDS.search(head.lower())):
        return "ofsted", last.endswith("s") or last in ("ofsted", "regulator", "watchdog")
    if last in _LAY_PEOPLE and head_words[0].lower() in _ONE_OF:
        # "A care leaver, 19-year-old Kayleigh," / "One mother": a member of the public
        return "lay_person", _first_name_in(rest[0]) if rest else None
    if _ROLE_WORDS.search(head.lower()) or last in _COUNCILLOR_NOUNS:
        # "Ofsted's national director, Yvette Stanley" / "Chairman of the committee Cllr X"
        for chunk in rest[:2]:
            names = find_names(chunk)
            if names and names[0].start == 0:
                return "named_role", (names[0], chunk)
        if last in _COUNCILLOR_NOUNS:
            return "councillors", None
        return "role", None
    if last in _COUNCIL_NOUNS:
        return "council", head
    if _FIRST_NAME.fullmatch(head_chunk) and head_chunk.lower() not in _NOT_NAME:
        # "Ashcroft said" (someone named before) / "Kayleigh, 19, said" (named by first name)
        lay = bool(rest) and (_AGE.fullmatch(rest[0]) is not None or _last_word(rest[0]) in _LAY_PEOPLE)
        return "one_name", (head_chunk, lay)
    org = _PROPER_NOUN_ORG.fullmatch(head_chunk) if allow_org else None
    if org and (sum(w[:1].isupper() for w in org.group(1).split()) >= 2 or _ACRONYM.fullmatch(org.group(1))):
        # "The Department for Education", "the NSPCC": another organisation speaks
        return "organisation", org.group(1)
    return _NOBODY


def _first_name_in(chunk: str) -> str | None:
    """The name closing a short description ("19-year-old Kayleigh", "Kayleigh"), if any."""
    words = chunk.split()
    if len(words) <= 3 and _FIRST_NAME.fullmatch(words[-1]) and words[-1].lower() not in _NOT_NAME:
        return words[-1]
    return None


class _Resolver:
    """Turns the words naming a speaker into a Speaker, using what the article said before."""

    def __init__(self, text: str, registry: _Registry, councils: list[tuple[int, str]], places: set[str]):
        self.text = text
        self.registry = registry
        self.councils = councils
        self.places = places
        self._known: dict[tuple[str, bool], Speaker] = {}

    def council_at(self, pos: int) -> str | None:
        """The council a speaker at `pos` most likely speaks for: one named in the same
        paragraph before them, else the one the article names most often."""
        if not self.councils:
            return None
        para_start = self.text.rfind("\n", 0, pos) + 1
        here = [name for p, name in self.councils if para_start <= p <= pos]
        if here:
            return here[-1]
        counts: dict[str, int] = {}
        for _, name in self.councils:
            counts[name] = counts.get(name, 0) + 1
        return max(counts, key=lambda n: (counts[n], -next(i for i, (_, m) in enumerate(self.councils) if m == n)))

    def classify(self, subject: str, pos: int, allow_org: bool = True) -> Speaker | None:
        """The speaker named by `subject` (text before a speech verb), or None.

        `allow_org`: a run of capitalised words may name an organisation (not for fragments of a
        subject, where "Schools and Young People" would end in one). Subjects naming a document or
        Ofsted ("The report", "Inspectors") are remembered: they recur and need no context."""
        key = (subject, allow_org)
        known = self._known.get(key)
        if known is not None:
            return known
        sp = self._classify(subject, pos, allow_org)
        if sp is not None and sp.kind in ("document", "ofsted"):
            self._known[key] = sp
        return sp

    def _classify(self, subject: str, pos: int, allow_org: bool) -> Speaker | None:
        reading = _read_subject(subject, allow_org)
        names = [n for n in reading.names if not self._is_place(reading.head_chunk, n)]
        if names:
            return self._person_from(names[0], reading.head_chunk, list(reading.rest), pos)
        kind, arg = reading.otherwise
        if kind == "pronoun":
            return self._pronoun(arg, pos)
        if kind == "document":
            return document_speaker()
        if kind == "council":
            return self._council(pos, arg)
        if kind == "inspector":
            return self._single_inspector(pos)
        if kind == "ofsted":
            return ofsted_body(plural=arg)
        if kind == "named_role":
            hit, chunk = arg
            return self._person_from(hit, chunk, [reading.head_chunk], pos, role_first=True)
        if kind == "councillors":
            return Speaker(kind="council", organisation=self.council_at(pos), speaker_type="councillor",
                           plural=True)
        if kind == "role":
            return self._unnamed_role(reading.head_chunk, pos)
        if kind == "organisation":
            return Speaker(kind="other", organisation=arg, speaker_type="other")
        if kind == "lay_person":
            return self._lay_person(arg)
        if kind == "one_name":
            word, lay = arg
            known = self.registry.by_surname.get(word.lower())
            if known is not None and known.full is not None:
                sp = self.registry.speaker_for(known)
                self._type_as_named(sp, known, pos)
                return sp
            return self._lay_person(word) if lay else None
        return None

    def _lay_person(self, name: str | None) -> Speaker:
        """A member of the public (a parent, a care leaver), named by first name or not at all."""
        if name is None:
            return Speaker(kind="person", speaker_type="other")
        sp = self.registry.speaker_for(self.registry.person([name], None))
        sp.speaker_type = "other"
        return sp

    def _is_place(self, chunk: str, hit: _NameHit) -> bool:
        """A run of capitalised words the authority finder read as a place ("Tower Hamlets")."""
        return not hit.title and " ".join(hit.tokens) in self.places

    def _pronoun(self, word: str, pos: int) -> Speaker | None:
        reg = self.registry
        if word in ("he", "she"):
            sp = reg.latest_person(pos, _PRONOUNS[word])
            if sp is not None and sp.speaker_type == "other" and sp.name:
                # named before with a title and no speech verb ("Cllr X is on his feet. He says")
                known = reg.by_surname.get(sp.name.split()[-1].lower())
                if known is not None and known.speaker is sp:
                    self._type_as_named(sp, known, pos)
            return sp
        if word == "it":
            return reg.latest_subject(pos, ("document", "ofsted", "council")) or document_speaker()
        if word == "they":
            return reg.latest_subject(pos, ("ofsted", "council", "document"), plural=True) or ofsted_body()
        return None  # we, I: the speaker is inside a quotation

    def _single_inspector(self, pos: int) -> Speaker:
        reg = self.registry
        if reg.inspector is not None:
            return reg.speaker_for(reg.inspector)
        for _, sp in reg.subjects:
            if sp.inspector and sp.kind == "person":
                return sp
        sp = Speaker(kind="person", role="Ofsted inspector", organisation="Ofsted", speaker_type="ofsted",
                     inspector=True)
        return sp

    def _council(self, pos: int, head: str) -> Speaker:
        org = _council_in(head) or self.council_at(pos)
        return Speaker(kind="council", organisation=org, speaker_type="council_officer")

    def _unnamed_role(self, chunk: str, pos: int) -> Speaker:
        role = _ARTICLE_BEFORE.sub("", chunk)
        sp = Speaker(kind="person", role=role)
        self._type_person(sp, role, None, pos)
        return sp

    def _person_from(self, hit: _NameHit, chunk: str, rest: list[str], pos: int,
                     role_first: bool = False) -> Speaker:
        reg = self.registry
        person = reg.person(hit.tokens, hit.title)
        if len(hit.tokens) >= 2 and person.full is None:
            person.full = " ".join(hit.tokens)
        if hit.title and not person.gender:
            person.gender = _TITLE_WORDS.get(hit.title.lower())
        role = None
        org = None
        before = chunk[:hit.start].strip()
        if role_first and rest:
            role = rest[0]
        elif before:
            words = before.split()
            role = _prefix_role(words, hit.title) if all(w[:1].isupper() for w in words) else before
        elif hit.prefix:
            role = _prefix_role(hit.prefix, hit.title)
        elif rest:
            role = ", ".join(r for r in rest if not _RELATIVE_CHUNK.match(r)) or None
        if role:
            org, role = _clean_role(role)
        if not role and hit.title and hit.title.lower() == "mayor":
            role = "mayor"
        if role and not person.role:
            person.role = role
        if org and not person.organisation:
            person.organisation = org
        sp = reg.speaker_for(person)
        if role:
            sp.role = role
        if org:
            sp.organisation = org
        title = (hit.title or person.title or "").lower()
        self._type_person(sp, " ".join(x for x in (sp.role or "", " ".join(hit.prefix), chunk) if x), title, pos)
        if sp.speaker_type == "ofsted" and reg.inspector is None and re.search(r"inspector", sp.role or "", re.I):
            reg.inspector = person
            sp.inspector = True
        return sp

    def _type_as_named(self, sp: Speaker, known: _Person, pos: int) -> None:
        """A person first heard without a speech verb (a surname alone, a pronoun) is typed by the
        title and role they were named with."""
        if sp.speaker_type == "other":
            self._type_person(sp, sp.role or "", (known.title or "").lower(), pos)

    def _type_person(self, sp: Speaker, context: str, title: str | None, pos: int) -> None:
        role = sp.role or ""
        ofsted_role, councillor_role, otherwise, council = _role_reading(role)
        if sp.organisation == "Ofsted" or ofsted_role or (not role and _OFSTED_WORD.search(context)):
            sp.speaker_type = "ofsted"
            sp.organisation = "Ofsted"
        elif (title or "").rstrip(".") in _COUNCILLOR_TITLES or councillor_role:
            sp.speaker_type = "councillor"
        else:
            sp.speaker_type = otherwise
        if sp.speaker_type in ("councillor", "council_officer") and not sp.organisation:
            sp.organisation = council or self.council_at(pos)


_ARTICLE_BEFORE = re.compile(r"^(?:the|a|an)\s+", re.I)
_COUNCILS_BEFORE = re.compile(r"^(?:council|authority|borough|county)['’]s\s+", re.I)
_ORGANISATIONS_ROLE = re.compile(r"^(Ofsted|[A-Z][\w ]*?(?:Council|Trust))['’]s?\s+(.*)$")


@functools.lru_cache(maxsize=4096)
def _clean_role(role: str) -> tuple[str | None, str | None]:
    """(organisation, role) from the words describing a person ("the council's director of
    children's services", "Ofsted's regional director"); a bare title is no role, except mayor."""
    org = None
    role = _ARTICLE_BEFORE.sub("", role.strip(" ,"))
    role = _COUNCILS_BEFORE.sub("", role)
    m = _ORGANISATIONS_ROLE.match(role)
    if m:
        org, role = m.group(1), m.group(2)
    if role and role.lower() in _TITLE_WORDS:
        role = "mayor" if role.lower() == "mayor" else None
    return org, role


@functools.lru_cache(maxsize=4096)
def _role_reading(role: str) -> tuple[bool, bool, str, str | None]:
    """What a role says of whoever holds it: (Ofsted's, a councillor's, the speaker type otherwise,
    the council it names). Cached: an article's people, and their roles, recur."""
    ofsted = bool(_OFSTED_WORD.search(role) or _INSPECTOR_ROLE.search(role))
    councillor = bool(_COUNCILLOR_ROLE.search(role))
    otherwise = "council_officer" if not _OTHER_ORG.search(role) and _OFFICER_ROLE.search(role) else "other"
    return ofsted, councillor, otherwise, _council_in(role)


_COUNCIL_NAME = re.compile(
    r"\b((?:[A-Z][\w’'&-]+[ \t]+){1,4}(?:County |City |Borough |District |Metropolitan Borough )?Council)\b")


def _council_in(text: str) -> str | None:
    m = _COUNCIL_NAME.search(text)
    if not m:
        return None
    name = re.sub(r"^(?:The|A|An|And|But|In|Of|For)\s+", "", m.group(1))
    return name


_COUNCIL_WORD = re.compile(r"\bCouncil\b")


def _councils(text: str, mentions: list) -> list[tuple[int, str]]:
    """Council names by position: from the authority finder, spelt as the article spells them."""
    out: list[tuple[int, str]] = []
    full_by_code: dict[str, str] = {}
    for m in mentions:
        written = text[m.start:m.end]
        if _COUNCIL_WORD.search(written) and m.code not in full_by_code:
            full_by_code[m.code] = written
    for m in mentions:
        written = text[m.start:m.end]
        name = full_by_code.get(m.code) or (written if _COUNCIL_WORD.search(written) else f"{m.name} Council")
        out.append((m.start, name))
    if not out:
        for m in _COUNCIL_NAME.finditer(text):
            out.append((m.start(), _council_in(m.group(1)) or m.group(1)))
    return out


# --- sentence attributions -------------------------------------------------------------------

@dataclass(slots=True)
class Attribution:
    """A sentence's "X said/found" with X resolved."""

    speaker: Speaker
    verb: str
    verb_start: int
    verb_end: int
    form: str  # lead | trail | according | passive | in_document
    subject_start: int


_CLAUSE_BOUNDARY = re.compile(r"(?:;\s|,\s+(?:and|but|while|whilst|although)\s|\s(?:and|but|after|when|because|since|"
                              r"where|before|until|once|as)\s|\bthat\s)")
_ACCORDING = re.compile(r"\baccording to\s+((?:the\s+|an?\s+)?[^,.;:]{1,80})", re.I)
_BY_AGENT = re.compile(
    r"\b(?:told|found|raised|praised|criticised|criticized|commended|highlighted|identified|noted|"
    r"recognised|recognized|described|reported|acknowledged|seen|judged)\s+by\s+"
    r"((?:the\s+|an?\s+)?(?:ofsted|inspectors?|the regulator|regulator|watchdog|the watchdog|"
    r"inspectorate|the inspectorate|government watchdog|[\w’' -]{0,30}(?:report|letter)))\b", re.I)
_IN_DOCUMENT = re.compile(
    r"\b(?:highlighted|identified|noted|set out|outlined|found|raised|listed|recommended|described|"
    r"mentioned|included)\s+in\s+(?:the|its|their|an?)\s+(?:\w+\s+){0,2}(?:report|letter|findings|judgement)\b",
    re.I)
# words every match of _BY_AGENT / _IN_DOCUMENT holds (lower-cased): a sentence without them is not searched
_BY_AGENT_WORDS = ("ofsted", "inspector", "regulator", "watchdog", "report", "letter")
_DOCUMENT_WORDS = ("report", "letter", "findings", "judgement")
_TRAIL_SUBJECT_END = re.compile(r"[:;]|,\s*(?:adding|who|which|as|in)\b")


@functools.lru_cache(maxsize=8192)
def _subject_pieces(pre: str, tail: str, verb_head: str) -> tuple[tuple[int, str], ...]:
    """Where the subject of a speech verb may start in the words `pre` before it: (offset, words)
    for the closest clause start first ("... and inspectors also praised"), then wider ones.
    `tail` is the lower-cased end of `pre`, `verb_head` the verb's first letters. No places in a
    passive ("were praised"). Cached: the same sentences recur."""
    if _PASSIVE_BEFORE.search(tail) and verb_head not in _STATE_VERB_HEADS:
        return ()
    have = _HAVE_BEFORE.search(tail)
    if have:
        pre = pre[:len(pre) - (len(tail) - have.start())]
    starts = [0] + [b.end() for b in _CLAUSE_BOUNDARY.finditer(pre.lower())]
    pieces = []
    for c in reversed(starts):
        piece = pre[c:]
        if c and (len(piece.split()) > 14 or _SPEECH_VERB_L.search(piece.lower())):
            continue
        pieces.append((c, piece))
    return tuple(pieces)


def _lower_same_length(text: str) -> str:
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


class Analysis:
    """What `analyse` finds in one article; read-only for callers."""

    def __init__(self, text: str):
        self.text = text
        self.paragraphs: list[Span] = paragraphs(text)
        self.sentences: list[Span] = []
        self.sentence_paragraph: list[int] = []
        for pi, sentences in enumerate(sentences_by_paragraph(text)):
            self.sentences += sentences
            self.sentence_paragraph += [pi] * len(sentences)
        self._starts = [s.start for s in self.sentences]
        self.quotes: list[RawQuote] = scan_quotes(text, self.paragraphs)
        self.masked = mask_quotes(text, self.quotes)
        self.lower = _lower_same_length(self.masked)
        # an article without quotations is its own masked text
        self.text_lower = self.lower if self.masked is text else _lower_same_length(text)
        # speech verbs outside quotations, bucketed by sentence
        self._verbs = _verbs_by_sentence(self.lower, self.sentences)
        mentions = []
        if find_authorities is not None:
            try:
                mentions = find_authorities(text)
            except Exception:  # pragma: no cover - reference data problems must not stop extraction
                mentions = []
        places = [(m.start, m.end) for m in mentions]
        self.registry = _Registry(text, self.masked, self.lower, places)
        self.resolver = _Resolver(text, self.registry, _councils(text, mentions),
                                  {text[m.start:m.end] for m in mentions})
        self.attributions: list[Attribution | None] = [None] * len(self.sentences)
        self._resolve()

    # sentences ------------------------------------------------------------------------------
    def sentence_at(self, pos: int) -> int:
        i = bisect.bisect_right(self._starts, pos) - 1
        return max(i, 0)

    def _subject_before(self, s_start: int, v_start: int) -> tuple[Speaker | None, int]:
        pieces = _subject_pieces(self.masked[s_start:v_start], self.lower[max(s_start, v_start - 40):v_start],
                                 self.lower[v_start:v_start + 4])
        unnamed_role: tuple[Speaker, int] | None = None
        for c, piece in pieces:
            sp = self.resolver.classify(piece, s_start + c, allow_org=c == 0)
            if sp is None:
                continue
            if c and sp.kind == "person" and sp.name is None:
                # a role after 'and' closing an apposition ("X, chief executive of Y and the
                # county's director, said"): a person named in a wider piece comes first
                unnamed_role = unnamed_role or (sp, s_start + c)
                continue
            if unnamed_role is None or (sp.kind == "person" and sp.name is not None):
                return sp, s_start + c
            break
        return unnamed_role or (None, -1)

    def lead_attribution(self, si: int, stop: int) -> Attribution | None:
        """The first "SUBJECT VERB" before `stop` in sentence `si` whose subject names a speaker."""
        s_start = self.sentences[si].start
        for v_start, v_end, verb in self._verbs[si]:
            if v_start >= stop:
                break
            if verb == "adding" or verb in _NON_ATTRIBUTION_VERBS:
                continue
            sp, subj = self._subject_before(s_start, v_start)
            if sp is not None:
                return Attribution(sp, verb, v_start, v_end, "lead", subj)
        return None

    def trailing_attribution(self, after: int, limit: int, require_comma: bool) -> Attribution | None:
        """', said the report.' / ', the report concluded.' / ', inspectors said.' after a position."""
        masked = self.masked
        seg_end = min(limit, after + 240)
        m = _STOP.search(masked, after, seg_end)
        stop = m.start() if m else seg_end
        seg = masked[after:stop]
        stripped = seg.lstrip()
        lead_ws = len(seg) - len(stripped)
        has_comma = stripped.startswith(",")
        body = stripped.lstrip(",;: ")
        off = after + lead_ws + (len(stripped) - len(body))
        if not body or (require_comma and not has_comma):
            return None
        low = self.lower[off:off + len(body)]
        v = _SPEECH_VERB_L.match(low)
        if v and v.group() not in _NON_ATTRIBUTION_VERBS:
            subj = _TRAIL_SUBJECT_END.split(body[v.end():])[0]
            sp = self.resolver.classify(subj, off + v.end())
            if sp is not None:
                return Attribution(sp, v.group(), off + v.start(), off + v.end(), "trail", off + v.end())
        for v_start, v_end, verb in _verbs_in(low):
            if verb in _NON_ATTRIBUTION_VERBS:
                continue
            pre = body[:v_start]
            if len(pre.split()) > 16 or _PASSIVE_BEFORE.search(low[max(0, v_start - 40):v_start]):
                break
            pre = _HAVE_BEFORE.sub("", pre)
            sp = self.resolver.classify(pre, off)
            if sp is not None:
                return Attribution(sp, verb, off + v_start, off + v_end, "trail", off)
            break
        return None

    def _according(self, s: Span, low: str) -> Attribution | None:
        if "according to" not in low:
            return None
        m = _ACCORDING.search(self.masked, s.start, s.end)
        if not m:
            return None
        sp = self.resolver.classify(m.group(1), m.start(1))
        if sp is None:
            return None
        return Attribution(sp, "according to", m.start(), m.end(), "according", m.start(1))

    def _passive(self, s: Span, low: str) -> Attribution | None:
        """"concerns were raised by inspectors", "highlighted in the report": each pattern is
        searched only in sentences holding its key words (`low`: the sentence lower-cased)."""
        if " by " in low and any(w in low for w in _BY_AGENT_WORDS):
            m = _BY_AGENT.search(self.masked, s.start, s.end)
            if m:
                agent = m.group(1)
                sp = document_speaker() if re.search(r"report|letter", agent, re.I) else ofsted_body()
                return Attribution(sp, m.group().split()[0].lower(), m.start(), m.end(), "passive", m.start(1))
        if " in " in low and any(w in low for w in _DOCUMENT_WORDS):
            m = _IN_DOCUMENT.search(self.masked, s.start, s.end)
            if m:
                return Attribution(document_speaker(), m.group().split()[0].lower(), m.start(), m.end(),
                                   "in_document", m.start())
        return None

    def _sentence_attribution(self, si: int) -> Attribution | None:
        s = self.sentences[si]
        att = self.lead_attribution(si, s.end) if self._verbs[si] else None
        if att is None and self._verbs[si]:
            # "..., inspectors said." / "..., said the report." at the end of the sentence
            for v_start, v_end, _ in reversed(self._verbs[si]):
                if len(self.masked[v_end:s.end].split()) > 14:
                    break
                comma = self.masked.rfind(",", s.start, v_start)
                if comma < 0:
                    continue
                cand = self.trailing_attribution(comma, s.end + 1, require_comma=True)
                if cand is not None and self._ends_sentence(cand, s):
                    att = cand
                    break
        if att is None:
            low = self.lower[s.start:s.end]
            att = self._according(s, low) or self._passive(s, low)
        return att

    def _repeated_quotes(self) -> None:
        """A quotation no sentence attributes that repeats words a person is quoted saying elsewhere
        (a subheading or pull quote: "Interview: 'We never forget where we came from'") is theirs."""
        spoken = [q for q in self.quotes if q.speaker is not None and q.speaker.kind == "person"
                  and q.words > MIN_QUOTE_WORDS]
        if not spoken:
            return
        low = self.text_lower
        for q in self.quotes:
            if q.attributed or q.words < MIN_QUOTE_WORDS or (q.speaker is not None and q.speaker.kind == "person"):
                continue
            words = low[q.start:q.end].strip(" .,;:!?")
            for other in spoken:
                if other is not q and other.words > q.words and words in low[other.start:other.end]:
                    q.speaker = other.speaker
                    break

    def _heading_quotes(self) -> None:
        """A quotation standing as a subheading ("2:15pm - 'I cried when I read it'") that no
        sentence attributes heads the section below it: it is the words of whoever is first quoted
        in the next paragraphs, as the section goes on to tell."""
        text, paras = self.text, self.paragraphs
        for k, q in enumerate(self.quotes):
            if q.attributed or q.close is None or text[q.end - 1:q.end] in ".,;:":
                continue
            pi = self.sentence_paragraph[q.sentence]
            para = paras[pi]
            if text[q.close + 1:para.end].strip():
                continue
            before = text[para.start:q.open].strip()
            if before and (before[-1] not in "-–—:|" or len(before.split()) > 4):
                continue
            for later in self.quotes[k + 1:]:
                later_pi = self.sentence_paragraph[later.sentence]
                if later_pi == pi or not later.attributed:
                    if later_pi > pi + 3:
                        break
                    continue
                if later_pi <= pi + 3 and later.speaker is not None and later.speaker.kind == "person":
                    q.speaker = later.speaker
                break

    def _colon_attribution(self, start: int, colon: int) -> Attribution | None:
        """A person named at the head of the words a colon closes, with no speech verb ("Opposition
        leader Cllr X went further: "...""): the colon introduces their words. Only a named person:
        "The verdict on leadership: "..."" names nobody."""
        subject = self.masked[start:colon]
        if len(subject.split()) > 12 or _SPEECH_VERB_L.search(self.lower, start, colon):
            return None  # "Parents told Cllr X:" is no words of Cllr X's
        sp = self.resolver.classify(subject, start, allow_org=False)
        if sp is None or sp.kind != "person" or sp.name is None:
            return None
        return Attribution(sp, ":", colon, colon + 1, "colon", start)

    def _ends_sentence(self, att: Attribution, s: Span) -> bool:
        rest = self.masked[att.verb_end:s.end]
        return len(rest.split()) <= 14

    # quotes ---------------------------------------------------------------------------------
    def _resolve(self) -> None:
        text = self.text
        reg = self.registry
        by_sentence: dict[int, list[RawQuote]] = {}
        for q in self.quotes:
            q.sentence = self.sentence_at(q.open)
            by_sentence.setdefault(q.sentence, []).append(q)
        last_speaker: Speaker | None = None
        last_speaker_para = -10
        prev_att: Attribution | None = None
        for si, s in enumerate(self.sentences):
            pi = self.sentence_paragraph[si]
            att = self._sentence_attribution(si)
            self.attributions[si] = att
            if att is not None:
                reg.subjects.append((att.subject_start, att.speaker))
                if att.speaker.kind == "person":
                    reg.add_mention(att.subject_start, att.speaker)
            qs = by_sentence.get(si, ())
            prev_q: RawQuote | None = None
            for q in qs:
                lead_from = s.start if prev_q is None or prev_q.close is None else max(s.start, prev_q.close + 1)
                lead = text[lead_from:q.open]
                lead_core = lead.strip(" \t\n•·-–—*")
                q.full = (not lead_core or lead_core.endswith(":")
                          or (lead_core.endswith(",") and text[q.start:q.start + 1].isupper()))
                if prev_q is not None and prev_q.full and (
                        not lead_core.rstrip(",").strip()
                        # '"..." the report said, "and ..."': the attribution splits one quotation
                        or (lead_core.endswith(",") and text[q.start:q.start + 1].islower())):
                    q.full = True
                qa: Attribution | None = None
                if not lead_core or (prev_q is not None and lead_from > s.start):
                    if q.close is not None and (not lead_core or lead_from > s.start):
                        inner_end = text[q.end - 1:q.end]
                        qa = self.trailing_attribution(q.close + 1, self.paragraphs[pi].end + 1,
                                                       require_comma=inner_end not in ",?!")
                if qa is None and lead.strip():
                    qa = self.lead_attribution(si, q.open)
                if qa is None and q.close is not None and lead.strip():
                    inner_end = text[q.end - 1:q.end]
                    qa = self.trailing_attribution(q.close + 1, self.paragraphs[pi].end + 1,
                                                   require_comma=inner_end not in ",?!")
                if qa is None and lead_core.endswith(":"):
                    qa = self._colon_attribution(lead_from, lead_from + lead.rindex(":"))
                if qa is not None:
                    q.speaker, q.attributed = qa.speaker, True
                elif prev_q is not None and prev_q.speaker is not None:
                    q.speaker = prev_q.speaker
                elif q.full and last_speaker is not None and pi - last_speaker_para <= 2:
                    q.speaker = last_speaker
                elif not q.full and prev_att is not None and self.sentence_paragraph[si - 1] >= pi - 1:
                    q.speaker = prev_att.speaker
                else:
                    q.speaker = document_speaker()
                prev_q = q
                if q.words >= 3 or q.full:
                    last_speaker, last_speaker_para = q.speaker, self.sentence_paragraph[
                        self.sentence_at(q.end)]
            if att is not None:
                last_speaker, last_speaker_para = att.speaker, pi
                if qs and qs[-1].speaker is not None and qs[-1].full:
                    last_speaker = qs[-1].speaker
            prev_att = att if att is not None else (
                Attribution(qs[-1].speaker, "", 0, 0, "quote", 0) if qs and qs[-1].speaker else None)
        # names given after the pronoun: refresh every person speaker from the registry
        for person in reg.by_surname.values():
            if person.speaker is not None:
                reg.speaker_for(person)
        self._repeated_quotes()
        self._heading_quotes()
        if reg.inspector is not None:
            named = reg.speaker_for(reg.inspector)
            for q in self.quotes:
                sp = q.speaker
                if sp is not None and sp.kind == "person" and sp.inspector and sp.name is None:
                    q.speaker = named


@functools.lru_cache(maxsize=16)
def analyse(text: str) -> Analysis:
    """The analysis of one article text (cached: quotes and findings share it)."""
    return Analysis(text)
