"""English local authorities with children's services, and finding them in article text.

The reference data is ``inspections/data/authorities.csv``: one row per upper-tier authority
(county, unitary, metropolitan district, London borough, City of London, Isles of Scilly),
current or abolished since 2009, keyed by its ONS GSS code. Its ``aliases`` column lists the
ways articles name each authority. On top of those, the matcher generates the standard council
styles from the short name ("London Borough of X", "X Metropolitan Borough Council", "X County
Council", "X council" in lower case, "&" for "and") so the CSV stays readable.

Matching (``find_authorities``) is case-sensitive on whole words, and the longest alias wins at
each place in the text ("Kingston upon Hull City Council" over "Hull", "North Yorkshire" over
"York"). All aliases are compiled into one regular expression: an alternation factored as a
prefix tree, so trying it at a position costs one branch per character instead of one per alias,
and the regex engine only stops at the capital letters that begin some alias. A few rules keep
common words and other places out:

* Names of other places that contain an authority's name ("Greater Manchester", "New York",
  "Bury St Edmunds", "Sutton Coldfield", "Newcastle-under-Lyme") are matched and dropped.
* A name followed by a hyphenated place-name link ("-under-", "-on-", "-by-") is another town.
* A name right after a title ("Mr", "Cllr", "Dr") is a person's surname; so is a one-word name
  right after a capitalised word that is not a preposition, conjunction, date or direction
  ("said Luke Sutton"), except in a title-case line such as a headline.
* Names that are also English words (Reading, Bury, Slough, ...) are not matched at the start of
  a sentence when a lower-case word follows, unless the word is one a place name is typically
  followed by ("Reading the report" is a verb; "Reading council" and "Bury is" are places).
* When an abolished and a current authority share an alias ("Dorset"), the current one wins;
  an alias written in the CSV wins over a generated one.
"""

from __future__ import annotations

import csv
import functools
import io
import re
from dataclasses import dataclass
from importlib import resources

REGIONS = (
    "North East",
    "North West",
    "Yorkshire and The Humber",
    "East Midlands",
    "West Midlands",
    "East of England",
    "London",
    "South East",
    "South West",
)
STATUSES = ("current", "abolished")
CODE_PATTERN = re.compile(r"E(?:06|08|09|10)\d{6}")


@dataclass(frozen=True, slots=True)
class Authority:
    code: str
    name: str
    region: str
    status: str
    successor_codes: tuple[str, ...]
    aliases: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class AuthorityMention:
    code: str
    name: str
    start: int
    end: int  # text[start:end] is the alias as written


def _split(value: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in value.split(";") if part.strip())


@functools.cache
def authorities() -> tuple[Authority, ...]:
    """Every authority in the reference CSV, in code order."""
    raw = resources.files("inspections").joinpath("data/authorities.csv").read_text("utf-8")
    rows = csv.DictReader(io.StringIO(raw))
    return tuple(
        Authority(
            code=row["authority_code"].strip(),
            name=row["authority_name"].strip(),
            region=row["region"].strip(),
            status=row["status"].strip(),
            successor_codes=_split(row["successor_codes"] or ""),
            aliases=_split(row["aliases"] or ""),
        )
        for row in rows
    )


@functools.cache
def _by_code() -> dict[str, Authority]:
    return {a.code: a for a in authorities()}


def by_code(code: str) -> Authority:
    """The authority with this GSS code; KeyError if there is none."""
    try:
        return _by_code()[code]
    except KeyError:
        raise KeyError(f"no authority with code {code!r}") from None


# --- alias generation ---------------------------------------------------------------------

_COUNCIL_SUFFIX = re.compile(
    r"(?:(?: (?:Metropolitan|London|County|City|Borough|District))* Council)$"
)


def generated_aliases(authority: Authority) -> tuple[str, ...]:
    """The standard council styles of a current authority's short name, not in the CSV.

    Abolished authorities are matched on their CSV aliases only. Names like "County Durham" or
    "City of London" do not take the templates; their styles are written out in the CSV.
    """
    out: list[str] = []
    n = authority.name
    if authority.status == "current" and not n.startswith(("County ", "City of ")):
        kind = authority.code[:3]
        out.append(f"{n} Council")
        if kind == "E10":
            out.append(f"{n} County Council")
        elif kind == "E09":
            out += [f"London Borough of {n}", f"Royal Borough of {n}",
                    f"{n} London Borough Council", f"{n} Borough Council"]
        elif kind == "E08":
            out += [f"{n} Metropolitan Borough Council", f"{n} MBC", f"{n} Borough Council",
                    f"{n} City Council", f"Metropolitan Borough of {n}", f"City of {n}",
                    f"City of {n} Council", f"{n} Metropolitan District Council"]
        elif kind == "E06":
            out += [f"{n} Borough Council", f"{n} City Council", f"Borough of {n}",
                    f"Royal Borough of {n}"]
    # Variants of every alias: "&" for "and"; the council suffix in lower case, as news
    # copy often writes it ("Barnet council", "Kent county council").
    variants: list[str] = []
    for alias in (*authority.aliases, *out):
        if " and " in alias:
            variants.append(alias.replace(" and ", " & "))
        match = _COUNCIL_SUFFIX.search(alias)
        if match:
            lowered = alias[: match.start()] + match.group().lower()
            variants.append(lowered)
            if " and " in lowered:
                variants.append(lowered.replace(" and ", " & "))
    explicit = set(authority.aliases)
    return tuple(a for a in dict.fromkeys(out + variants) if a not in explicit)


# --- the matcher --------------------------------------------------------------------------

# Other places and things whose names contain an authority's name. They are matched like
# aliases (so the longest match covers them) and then dropped.
BLOCKED_PHRASES = (
    "Greater Manchester", "New York", "New Hampshire", "Duke of York", "Duchess of York",
    "Duke of Kent", "Duchess of Kent", "Duke of Cornwall", "Duchess of Cornwall",
    "Duke of Norfolk", "Duke of Northumberland", "Duke of Somerset",
    "Bury St Edmunds", "Bury St. Edmunds", "Sutton Coldfield", "Sutton in Ashfield",
    "Sutton Trust", "Newcastle under Lyme", "Bradford on Avon", "Stockton Heath",
    "Stoke Newington", "Stoke Mandeville", "Stoke Poges", "Stoke Gifford",
    "Brent Cross", "Brent crude", "Brent Crude", "Somerset House",
    "Somerset West and Taunton", "Mount St Helens", "Mount St. Helens",
    "Westminster Abbey", "Westminster Hall", "Westminster Bridge", "Westminster Cathedral",
    "Palace of Westminster", "Westminster government", "Westminster Government",
    "Westminster politicians", "Westminster politics", "Westminster Parliament",
    "Westminster parliament", "Richmond Fellowship", "Merton College", "Bromley by Bow",
    "Greenwich Mean Time", "Greenwich Village",
)

# Names that are also English words, for the sentence-start rule.
COMMON_WORD_NAMES = frozenset({"Reading", "Bury", "Slough", "Harrow", "Hull", "Derby"})
# Lower-case words that may follow a place name at the start of a sentence.
_PLACE_FOLLOWERS = frozenset(
    """council council's councils borough borough's children children's social services
    family families local authority town city county has had have is was were will would
    could should must may and or said says also now still remains remained received
    became becomes continues continued saw needs needed got gets schools school pupils
    parents residents councillors officials officers leaders bosses chiefs mayor police
    care youngsters""".split()
)

_TITLE_BEFORE = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Cllr|Coun|Councillor|Sir|Dame|Lord|Lady|Prof|Professor)\.?\s+)$"
)
# Capitalised words that may stand right before a place name in running prose. After any
# other capitalised word, a one-word name is read as a surname ("said Luke Sutton", "Cllr Jane
# Hull"), except in a title-case line such as a headline.
_LEAD_INS = frozenset(
    """In At On For From With Within Without Across Both Including Unlike Like While Whilst
    When Where Whereas And But Or Nor The Of To By As Than After Before Since Until Under Over
    Outside Inside Near Around Throughout Then So Yet Also Meanwhile However Neither Either
    Only Even Now Today Yesterday Last Next This That These Those Although Though If Because
    Despite Against Between Among Amongst Beyond Via Per Besides Plus Elsewhere Here There Why
    How What Which Who Whether Once Each Every All Many Some Most Several Other Neighbouring
    Nearby Rural Urban Coastal Inner Outer North South East West Mid Central Northern Southern
    Eastern Western Upper Lower Great Royal Old High About Into Onto Upon Towards Toward Along
    Beside Alongside Behind Above Below During Following Amid Regarding Ofsted Labour
    Conservative Tory Liberal Democrat Dem Independent Green Reform Is Was Has Had Will Can
    Could Should Would Did Does Do Said Says Told Rated See Unlike Not No Yes Indeed Similarly
    Likewise Together Overall Nationally Locally Previously Recently Currently Separately
    January February March April May June July August September October November December
    Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday""".split()
)
_WORD_BEFORE = re.compile(r"(?<![\w'’&.-])([A-Z][a-z]+)[ \t\u00a0]+$")
_ONE_WORD = re.compile(r"[A-Z][a-z]+")
_LINE_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]{3,}")

_SENTENCE_OPENERS = "\"'“‘([•*-–—"
_SENTENCE_CLOSERS = "\"'”’)]"
_NEXT_WORD = re.compile(r"[ \t\u00a0]+([a-z][a-z'’]*)")

# How each character of an alias may be written in the text.
_CHAR_CLASSES = {
    " ": "[ \\t\\u00a0]+",
    "'": "['’‘]",
    "-": "[-‐‑]",
}
# After the last character of an alias: not inside a longer word, and not the start of a
# hyphenated place name such as "Newcastle-under-Lyme" or "Bromley-by-Bow".
_END = r"(?!\w)(?![-‐‑](?:on|upon|under|in|le|by|cum|super|en)[-‐‑])"


def _normalise(alias: str) -> str:
    alias = re.sub(r"[ \t\u00a0]+", " ", alias)
    return alias.replace("’", "'").replace("‘", "'").replace("‐", "-").replace("‑", "-")


def _trie_pattern(aliases: list[str]) -> str:
    """One regex alternation of all aliases, factored as a prefix tree.

    At every node the longer continuations are tried before the alias ending there, so at any
    starting position the longest alias that matches (with its end boundary) wins — the same
    result as an alternation sorted longest first.
    """
    trie: dict = {}
    for alias in aliases:
        node = trie
        for ch in alias:
            node = node.setdefault(ch, {})
        node[""] = True

    def esc(ch: str) -> str:
        return _CHAR_CLASSES.get(ch) or re.escape(ch)

    def build(node: dict) -> str:
        branches = []
        for ch in sorted(k for k in node if k):
            child = node[ch]
            # Compress a chain of single children into a literal run.
            run = esc(ch)
            while len(child) == 1 and "" not in child:
                (nxt,) = child
                run += esc(nxt)
                child = child[nxt]
            branches.append(run + build(child))
        if "" in node:
            branches.append(_END)
        if len(branches) == 1:
            return branches[0]
        return "(?:" + "|".join(branches) + ")"

    # Top level: each branch begins with its literal first character (so the engine can skip
    # to candidate characters quickly), then checks the character before it is not a letter.
    top = []
    for ch in sorted(trie):
        top.append(re.escape(ch) + r"(?<!\w.)" + build(trie[ch]))
    return "(?:" + "|".join(top) + ")"


@dataclass(frozen=True, slots=True)
class _Matcher:
    regex: re.Pattern[str]
    lookup: dict[str, Authority | None]  # normalised alias -> authority (None: blocked phrase)
    ambiguous: tuple[str, ...]  # aliases dropped because two current authorities share them


@functools.cache
def _matcher() -> _Matcher:
    # Lower rank wins: an explicit alias over a generated one, a current authority over an
    # abolished one.
    best: dict[str, tuple[tuple[int, int], Authority]] = {}
    ambiguous: set[str] = set()
    for authority in authorities():
        abolished = int(authority.status != "current")
        candidates = [(a, 0) for a in authority.aliases]
        candidates += [(a, 1) for a in generated_aliases(authority)]
        for alias, generated in candidates:
            key = _normalise(alias)
            rank = (generated, abolished)
            held = best.get(key)
            if held is None or rank < held[0]:
                best[key] = (rank, authority)
                ambiguous.discard(key)
            elif rank == held[0] and held[1].code != authority.code:
                ambiguous.add(key)
    lookup: dict[str, Authority | None] = {k: v[1] for k, v in best.items() if k not in ambiguous}
    for phrase in BLOCKED_PHRASES:
        lookup.setdefault(_normalise(phrase), None)
    regex = re.compile(_trie_pattern(sorted(lookup, key=len, reverse=True)))
    return _Matcher(regex, lookup, tuple(sorted(ambiguous)))


def alias_table() -> dict[str, str | None]:
    """Every alias the matcher knows (normalised) and the code it maps to (None: blocked)."""
    return {k: (v.code if v else None) for k, v in _matcher().lookup.items()}


def _at_sentence_start(text: str, start: int) -> bool:
    i = start
    while i > 0 and text[i - 1] in _SENTENCE_OPENERS:
        i -= 1
    j = i
    while j > 0 and text[j - 1] in " \t\u00a0":
        j -= 1
    if j == 0 or text[j - 1] in "\n\r":
        return True
    if j == i:  # no space between the previous text and the name
        return False
    while j > 0 and text[j - 1] in _SENTENCE_CLOSERS:
        j -= 1
    return j > 0 and text[j - 1] in ".!?:"


def _is_common_word_use(text: str, start: int, end: int) -> bool:
    """'Reading the report', 'Bury the hatchet': a name used as a word at a sentence start."""
    following = _NEXT_WORD.match(text, end)
    if not following or following.group(1) in _PLACE_FOLLOWERS:
        return False
    return _at_sentence_start(text, start)


def _title_case_line(text: str, start: int, end: int) -> bool:
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    words = _LINE_WORD.findall(text, line_start, line_end if line_end >= 0 else len(text))
    capitalised = sum(w[0].isupper() for w in words)
    return len(words) >= 3 and capitalised >= 0.7 * len(words)


def _is_surname(text: str, start: int, end: int) -> bool:
    """'said Luke Sutton', 'Carl Richmond': a one-word name after a capitalised given name."""
    before = _WORD_BEFORE.search(text, max(0, start - 30), start)
    if before is None or before.group(1) in _LEAD_INS:
        return False
    return not _title_case_line(text, start, end)


def find_authorities(text: str) -> list[AuthorityMention]:
    """Every mention of an authority in the text, in order, non-overlapping, longest first."""
    return list(_find_authorities_cached(text))


@functools.lru_cache(maxsize=1024)
def _find_authorities_cached(text: str) -> tuple[AuthorityMention, ...]:
    # cached: the context and the quotation analysis both read every article's authorities
    matcher = _matcher()
    lookup = matcher.lookup
    mentions: list[AuthorityMention] = []
    for match in matcher.regex.finditer(text):
        written = match.group()
        authority = lookup.get(written)
        if authority is None:
            authority = lookup.get(_normalise(written))
            if authority is None:  # a blocked phrase
                continue
        start, end = match.span()
        if start and _TITLE_BEFORE.search(text, max(0, start - 16), start):
            continue
        if written in COMMON_WORD_NAMES and _is_common_word_use(text, start, end):
            continue
        if _ONE_WORD.fullmatch(written) and _is_surname(text, start, end):
            continue
        mentions.append(AuthorityMention(authority.code, authority.name, start, end))
    return tuple(mentions)
