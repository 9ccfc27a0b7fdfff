"""Deduplicate visit and rating mentions across articles into one row per real event.

Every step works within one authority (mentions are grouped by authority first, and dated events
are looked up by year and month, so half a million mentions take seconds), and everything is
sorted before it is decided, so the output does not depend on the order of the input.

Visits, per authority and visit type:
1. mentions with an ordinal ("the fifth monitoring visit") form one event per ordinal;
2. dated mentions, most precise first, join the event whose date agrees with theirs on the most
   parts (days up to two weeks apart agree: a visit lasts days); a tie is not guessed — the
   mention starts its own event — and so does a mention no event agrees with;
3. under-specified mentions (no date, no ordinal) join an event only when it is the one event they
   can be: the event that gave the same judgement (their rating merged with a rating from a dated
   inspection), or the only dated or numbered event of the authority and type (unless it gave a
   different grade in the same area, or looked at a different cohort); otherwise they stay their
   own row. Where the authority has no dated or numbered event of the type at all, its
   under-specified mentions are one event (one per judgement they gave, and per focus).

Ratings, per authority, judgement and area: mentions of the same year, or given by the same
inspection, are one judgement; a mention of unknown year joins the judgement its inspection gave,
else the single judgement of known year (unless its own article gave that one from another
inspection); else it stays apart (with no known year at all, they are
one). A rating's visit is the event most of its mentions' visits were merged into.

Ids are `stable_id` over the canonical content (authority, type, ordinal, date; for ratings
authority, judgement, area, date); where two rows would share one, the first mention of each
(article id, index) tells them apart. Never row order.
"""

from __future__ import annotations

import dataclasses
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Iterable

from inspections.ids import stable_id
from inspections.records import UNKNOWN_DATE, PartialDate, Rating, RatingMention, Visit, VisitMention

# Two dates a few days apart are one visit: inspections last days to weeks.
VISIT_DAY_TOLERANCE = 14
# An article dated by another can date a third: a chain rarely runs longer.
MAX_ANCHOR_ROUNDS = 3

VisitItem = tuple[str, int, VisitMention]
RatingItem = tuple[str, int, RatingMention]


@dataclass(frozen=True)
class Events:
    visits: list[Visit]
    ratings: list[Rating]
    visit_of_mention: dict[tuple[str, int], str] = field(default_factory=dict)
    rating_of_mention: dict[tuple[str, int], str] = field(default_factory=dict)


def _precision(d: PartialDate) -> int:
    if d.year is None:
        return 0
    if d.month is None:
        return 1
    return 2 if d.day is None else 3


def _date_key(d: PartialDate) -> tuple[int, int, int]:
    return (d.year or 0, d.month or 0, d.day or 0)


def _best_date(dates: list[PartialDate]) -> PartialDate:
    """The most precise date; among equally precise ones the most common, then the earliest."""
    if len(dates) == 1:
        return dates[0]
    top, finest = 0, []
    for d in dates:
        p = 0 if d.year is None else 1 if d.month is None else 2 if d.day is None else 3
        if p > top:
            top, finest = p, [d]
        elif p == top and p:
            finest.append(d)
    if top == 0:
        return UNKNOWN_DATE
    if len(finest) == 1:
        return finest[0]
    counts = Counter(finest)
    return min(counts, key=lambda d: (-counts[d], _date_key(d)))


def _most_common(values: list, key=None):
    values = [v for v in values if v is not None]
    if len(values) <= 1:
        return values[0] if values else None
    counts = Counter(values)
    return min(counts, key=lambda v: (-counts[v], key(v) if key else v))


class _VisitCluster:
    __slots__ = ("code", "visit_type", "members", "sequence", "date", "informative", "ratings")

    def __init__(self, code: str, visit_type: str, informative: bool) -> None:
        self.code = code
        self.visit_type = visit_type
        self.members: list[VisitItem] = []
        self.sequence: int | None = None
        self.date: PartialDate = UNKNOWN_DATE
        self.informative = informative
        self.ratings: set[int] = set()  # the rating clusters it gave

    def add(self, item: VisitItem) -> bool:
        """Add a mention; True when the cluster's date became more precise."""
        self.members.append(item)
        m = item[2]
        if self.sequence is None and m.sequence is not None:
            self.sequence = m.sequence
        d = m.visit_date
        if _precision(d) > _precision(self.date) and (self.date.year is None or d.agrees_with(self.date)):
            self.date = d
            return True
        return False


class _DateIndex:
    """The dated events of one authority and type, by year and by (year, month)."""

    def __init__(self) -> None:
        self.by_year: dict[int, list[_VisitCluster]] = defaultdict(list)
        self.by_month: dict[tuple[int, int], list[_VisitCluster]] = defaultdict(list)

    def add(self, cl: _VisitCluster) -> None:
        d = cl.date
        if d.year is None:
            return
        self.by_year[d.year].append(cl)
        if d.month is not None:
            self.by_month[(d.year, d.month)].append(cl)

    def move(self, cl: _VisitCluster, old: PartialDate) -> None:
        if old.year is not None:
            self.by_year[old.year].remove(cl)
            if old.month is not None:
                self.by_month[(old.year, old.month)].remove(cl)
        self.add(cl)

    def best(self, d: PartialDate) -> _VisitCluster | None:
        """The one event agreeing with d on the most parts; None when none or a tie."""
        year_clusters = self.by_year.get(d.year, ())
        if not year_clusters:
            return None
        if d.month is None:  # every event of the year agrees on one part
            return year_clusters[0] if len(year_clusters) == 1 else None
        same_month = self.by_month.get((d.year, d.month), ())
        if same_month:
            if d.day is not None:
                close = [cl for cl in same_month
                         if cl.date.day is not None and abs(cl.date.day - d.day) <= VISIT_DAY_TOLERANCE]
                if close:
                    return close[0] if len(close) == 1 else None
                loose = [cl for cl in same_month if cl.date.day is None]
                if loose:
                    return loose[0] if len(loose) == 1 else None
            else:
                return same_month[0] if len(same_month) == 1 else None
        year_only = [cl for cl in year_clusters if cl.date.month is None]
        return year_only[0] if len(year_only) == 1 else None


def consolidate(visit_mentions: Iterable[VisitItem], rating_mentions: Iterable[RatingItem]) -> Events:
    """One Visit per real inspection event and one Rating per judgement, across all articles.

    Articles that do not say when they were published get their year from the events they share
    with other articles (`publication_years`); their relative dates are then fixed and the
    mentions merged again, until no article gains a year.
    """
    visits, ratings = list(visit_mentions), list(rating_mentions)
    events = _merge(visits, ratings)
    for _ in range(MAX_ANCHOR_ROUNDS):
        years = publication_years(visits, ratings, events)
        if not years:
            break
        visits = [(a, i, _in_year(m, years.get(a), "visit_date")) for a, i, m in visits]
        ratings = [(a, i, _in_year(m, years.get(a), "rating_date")) for a, i, m in ratings]
        events = _merge(visits, ratings)
    return events


def publication_years(visits: list[VisitItem], ratings: list[RatingItem], events: Events) -> dict[str, int]:
    """The publication year of each article that dates an event only relative to its own unknown
    date ("inadequate in July last year"), where another article dates that event ("July 2017")
    and the two agree beyond the year: the same month, or the same numbered visit. An article
    whose evidence points to two years gets none."""
    visit_dates = {v.visit_id: (v.visit_date, v.sequence) for v in events.visits}
    rating_dates = {r.rating_id: (r.rating_date, None) for r in events.ratings}
    implied: dict[str, set[int]] = defaultdict(set)
    contradicted: set[str] = set()
    for items, event_of, dates, date_field in ((visits, events.visit_of_mention, visit_dates, "visit_date"),
                                               (ratings, events.rating_of_mention, rating_dates, "rating_date")):
        for aid, idx, m in items:
            relative = m.relative_date
            if relative is None or getattr(m, date_field).known:
                continue
            event_date, sequence = dates.get(event_of.get((aid, idx)), (UNKNOWN_DATE, None))
            if event_date.year is None:
                continue
            same_month = relative.month is not None and relative.month == event_date.month
            same_visit = getattr(m, "sequence", None) is not None and m.sequence == sequence
            if relative.month is not None and event_date.month is not None and not same_month:
                contradicted.add(aid)
            elif same_month or same_visit:
                implied[aid].add(event_date.year - relative.years)
    return {aid: years.pop() for aid, years in implied.items() if len(years) == 1 and aid not in contradicted}


def _in_year(mention, year: int | None, date_field: str):
    """The mention with its relative date fixed for an article published in `year`."""
    if year is None or mention.relative_date is None or getattr(mention, date_field).known:
        return mention
    return dataclasses.replace(mention, **{date_field: mention.relative_date.in_year(year)}, relative_date=None)


def _merge(visit_mentions: list[VisitItem], rating_mentions: list[RatingItem]) -> Events:
    visits_by_code: dict[str, list[VisitItem]] = defaultdict(list)
    for item in visit_mentions:
        visits_by_code[item[2].authority_code].append(item)
    ratings_by_code: dict[str, list[RatingItem]] = defaultdict(list)
    for item in rating_mentions:
        ratings_by_code[item[2].authority_code].append(item)

    visits: list[Visit] = []
    ratings: list[Rating] = []
    visit_of_mention: dict[tuple[str, int], str] = {}
    rating_of_mention: dict[tuple[str, int], str] = {}
    for code in sorted(set(visits_by_code) | set(ratings_by_code)):
        vclusters, cluster_of, under = _cluster_visits(visits_by_code.get(code, []))
        rclusters = _cluster_ratings(ratings_by_code.get(code, []), cluster_of)
        _place_underspecified(vclusters, cluster_of, under, rclusters)
        vclusters = [cl for cl in vclusters if cl.members]
        for cl, vid in zip(vclusters, _visit_ids(vclusters)):
            visits.append(_visit_row(cl, vid))
            for aid, idx, _ in cl.members:
                visit_of_mention[(aid, idx)] = vid
        ratings.extend(_rating_rows(rclusters, visit_of_mention, rating_of_mention))

    visits.sort(key=lambda v: (v.authority_name, v.authority_code, v.visit_type, _date_key(v.visit_date),
                               v.sequence or 0, v.visit_id))
    ratings.sort(key=lambda r: (r.authority_name, r.authority_code, _date_key(r.rating_date), r.judgement,
                                r.judgement_area, r.rating_id))
    return Events(visits, ratings, visit_of_mention, rating_of_mention)


def _cluster_visits(items: list[VisitItem]) -> tuple[
        list[_VisitCluster], dict[tuple[str, int], _VisitCluster], list[VisitItem]]:
    """Steps 1 and 2: ordinals, then dates. Under-specified mentions are returned for step 3."""
    under: list[VisitItem] = []
    clusters: list[_VisitCluster] = []
    cluster_of: dict[tuple[str, int], _VisitCluster] = {}
    by_type: dict[str, list[VisitItem]] = defaultdict(list)
    for item in items:
        by_type[item[2].visit_type].append(item)
    for visit_type in sorted(by_type):
        group = sorted(by_type[visit_type], key=lambda it: (it[0], it[1]))
        code = group[0][2].authority_code
        index = _DateIndex()
        by_seq: dict[int, _VisitCluster] = {}
        dated: list[VisitItem] = []
        for item in group:
            m = item[2]
            if m.sequence is None:
                (dated if m.visit_date.year is not None else under).append(item)
                continue
            cl = by_seq.get(m.sequence)
            if cl is None:
                cl = by_seq[m.sequence] = _VisitCluster(code, visit_type, True)
                clusters.append(cl)
            cl.add(item)
            cluster_of[(item[0], item[1])] = cl
        for seq in sorted(by_seq):
            index.add(by_seq[seq])
        dated.sort(key=lambda it: (-(1 if it[2].visit_date.month is None else 2 if it[2].visit_date.day is None else 3),
                                   it[2].visit_date.year, it[2].visit_date.month or 0, it[2].visit_date.day or 0,
                                   it[0], it[1]))
        for item in dated:
            d = item[2].visit_date
            chosen = index.best(d)
            if chosen is None:
                chosen = _VisitCluster(code, visit_type, True)
                clusters.append(chosen)
                chosen.add(item)
                index.add(chosen)
            else:
                old = chosen.date
                if chosen.add(item):
                    index.move(chosen, old)
            cluster_of[(item[0], item[1])] = chosen
    return clusters, cluster_of, under


def _cluster_ratings(items: list[RatingItem],
                     cluster_of: dict[tuple[str, int], _VisitCluster]) -> list[list[RatingItem]]:
    groups: dict[tuple[str, str], list[RatingItem]] = defaultdict(list)
    for item in items:
        groups[(item[2].judgement, item[2].judgement_area)].append(item)
    out: list[list[RatingItem]] = []
    for key in sorted(groups):
        by_year: dict[int, list[RatingItem]] = defaultdict(list)
        unknown: list[RatingItem] = []
        for item in sorted(groups[key], key=lambda it: (it[0], it[1])):
            year = item[2].rating_date.year
            (unknown if year is None else by_year[year]).append(item)
        # Years given by one inspection are one judgement (November's inspection, January's report).
        parent = {y: y for y in by_year}

        def root(y: int) -> int:
            while parent[y] != y:
                y = parent[y]
            return y

        year_of_visit: dict[int, int] = {}
        for year in sorted(by_year):
            for aid, _, m in by_year[year]:
                cl = None if m.visit_index is None else cluster_of.get((aid, m.visit_index))
                if cl is None:
                    continue
                held = year_of_visit.setdefault(id(cl), year)
                a, b = root(held), root(year)
                if a != b:
                    parent[max(a, b)] = min(a, b)
        members: dict[int, list[RatingItem]] = defaultdict(list)
        for year in sorted(by_year):
            members[root(year)].extend(by_year[year])
        roots = sorted(members)
        loose: list[list[RatingItem]] = []
        pooled: list[RatingItem] = []
        for item in unknown:
            aid, _, m = item
            cl = None if m.visit_index is None else cluster_of.get((aid, m.visit_index))
            if cl is not None and id(cl) in year_of_visit:
                members[root(year_of_visit[id(cl)])].append(item)  # the judgement its inspection gave
            elif len(roots) == 1 and not _apart_in_its_article(item, members[roots[0]]):
                members[roots[0]].append(item)
            elif not roots:
                pooled.append(item)
            else:
                loose.append([item])  # more than one judgement it could be: its own row
        out.extend(members[r] for r in roots)
        if pooled:
            out.append(pooled)
        out.extend(loose)
    return out


def _apart_in_its_article(item: RatingItem, judgement: list[RatingItem]) -> bool:
    """The article itself gave this undated grade and the dated judgement from two different
    inspections ("remain inadequate" beside "first rated inadequate in 2022")."""
    aid, _, m = item
    return m.visit_index is not None and any(
        a == aid and o.visit_index is not None and o.visit_index != m.visit_index for a, _, o in judgement)


def _place_underspecified(clusters: list[_VisitCluster], cluster_of: dict[tuple[str, int], _VisitCluster],
                          under: list[VisitItem], rclusters: list[list[RatingItem]]) -> None:
    """Step 3: each mention with neither date nor ordinal joins the one event it can be."""
    gave: dict[tuple[str, int], set[int]] = defaultdict(set)  # visit mention -> rating clusters
    for k, members in enumerate(rclusters):
        for aid, _, m in members:
            if m.visit_index is not None:
                gave[(aid, m.visit_index)].add(k)
    given_by: dict[int, list[_VisitCluster]] = defaultdict(list)  # rating cluster -> dated events
    for key, ks in gave.items():
        cl = cluster_of.get(key)
        if cl is not None:
            for k in ks - cl.ratings:
                given_by[k].append(cl)
            cl.ratings |= ks
    grades = [(ms[0][2].judgement_area, ms[0][2].judgement) for ms in rclusters]

    def conflicts(cl: _VisitCluster, ks: set[int], focus: str | None) -> bool:
        if focus is not None:
            theirs = _most_common([m.focus for _, _, m in cl.members])
            if theirs is not None and theirs.casefold() != focus.casefold():
                return True
        mine = {grades[k][0]: grades[k][1] for k in ks}
        return any(grades[k][0] in mine and mine[grades[k][0]] != grades[k][1] for k in cl.ratings)

    informative: dict[str, list[_VisitCluster]] = defaultdict(list)
    for cl in clusters:
        informative[cl.visit_type].append(cl)
    pooled: dict[tuple, _VisitCluster] = {}
    for item in sorted(under, key=lambda it: (it[0], it[1])):
        key = (item[0], item[1])
        m = item[2]
        ks = gave.get(key, set())
        candidates = informative.get(m.visit_type, [])
        target = None
        via = {id(cl): cl for k in ks for cl in given_by.get(k, ()) if cl.visit_type == m.visit_type}
        if len(via) == 1:
            target = next(iter(via.values()))
        elif not via:
            if len(candidates) == 1 and not conflicts(candidates[0], ks, m.focus):
                target = candidates[0]
            elif not candidates:
                signature = (m.visit_type, min(ks) if ks else None, (m.focus or "").casefold())
                target = pooled.get(signature)
                if target is None:
                    target = pooled[signature] = _VisitCluster(m.authority_code, m.visit_type, False)
                    clusters.append(target)
        if target is None:
            target = _VisitCluster(m.authority_code, m.visit_type, False)
            clusters.append(target)
        target.add(item)
        target.ratings |= ks
        cluster_of[key] = target


def _visit_ids(clusters: list[_VisitCluster]) -> list[str]:
    bases = [(cl.code, cl.visit_type, cl.sequence, str(cl.date)) for cl in clusters]
    counts = Counter(bases)
    out = []
    for cl, base in zip(clusters, bases):
        if counts[base] > 1:
            first = min((a, i) for a, i, _ in cl.members)
            out.append(stable_id("visit", *base, first[0], first[1]))
        else:
            out.append(stable_id("visit", *base))
    return out


def _visit_row(cl: _VisitCluster, visit_id: str) -> Visit:
    members = cl.members
    first = min(members, key=lambda it: (it[0], it[1]))[2]
    if len(members) == 1:
        m = members[0][2]
        sequence, focus, visit_date, published = m.sequence, m.focus, m.visit_date, m.published_date
    else:
        ms = [it[2] for it in members]
        sequence = _most_common([m.sequence for m in ms])
        focus = _most_common([m.focus for m in ms], key=lambda f: (-len(f), f))
        visit_date = _best_date([m.visit_date for m in ms])
        published = _best_date([m.published_date for m in ms])
    return Visit(
        visit_id=visit_id, authority_code=cl.code, authority_name=first.authority_name,
        visit_type=cl.visit_type, sequence=sequence, focus=focus, visit_date=visit_date,
        published_date=published, sources=tuple(sorted({a for a, _, _ in members})))


def _rating_rows(clusters: list[list[RatingItem]], visit_of_mention: dict[tuple[str, int], str],
                 rating_of_mention: dict[tuple[str, int], str]) -> list[Rating]:
    firsts = [min(members, key=lambda it: (it[0], it[1])) for members in clusters]
    dates = [_best_date([it[2].rating_date for it in members]) for members in clusters]
    bases = [(f[2].authority_code, f[2].judgement, f[2].judgement_area, str(d)) for f, d in zip(firsts, dates)]
    counts = Counter(bases)
    rows = []
    for members, first, date, base in zip(clusters, firsts, dates, bases):
        m = first[2]
        rid = stable_id("rating", *base, first[0], first[1]) if counts[base] > 1 else stable_id("rating", *base)
        vids = [visit_of_mention.get((a, it.visit_index)) for a, _, it in members if it.visit_index is not None]
        for aid, idx, _ in members:
            rating_of_mention[(aid, idx)] = rid
        rows.append(Rating(
            rating_id=rid, authority_code=m.authority_code, authority_name=m.authority_name,
            visit_id=_most_common(vids), judgement=m.judgement, judgement_area=m.judgement_area,
            rating_date=date, article_id=first[0], evidence=m.evidence,
            sources=tuple(sorted({a for a, _, _ in members}))))
    return rows
