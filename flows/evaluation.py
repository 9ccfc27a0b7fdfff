"""Read a built warehouse back as predictions in the gold answers' shape."""

from __future__ import annotations

from pathlib import Path

from inspections.evaluation import Gold

from .warehouse import extraction_rows

_DATE_FORMAT = {"day": "%Y-%m", "month": "%Y-%m", "year": "%Y"}


def predictions_from_warehouse(warehouse: Path) -> Gold:
    """What the warehouse says, as `Gold`: visits and ratings with their source files, and each
    article's relevance, findings and quotes."""
    rows = extraction_rows(warehouse)
    visits = [
        {"authority_name": v["authority_name"], "visit_type": v["visit_type"], "sequence": v["sequence"],
         "focus": v["focus"], "sources": v["sources"],
         "visit_date": v["visit_date"].strftime(_DATE_FORMAT[v["date_precision"]]) if v["visit_date"] else None}
        for v in rows["visits"]
    ]
    ratings = [{k: r[k] for k in ("authority_name", "judgement", "judgement_area", "year", "sources")}
               for r in rows["ratings"]]
    articles = {a["source_file"]: {"source_file": a["source_file"], "is_relevant": a["is_relevant"],
                                   "findings": [], "quotes": []} for a in rows["articles"]}
    for finding in rows["findings"]:
        articles[finding.pop("source_file")]["findings"].append(finding)
    for quote in rows["quotes"]:
        articles[quote.pop("source_file")]["quotes"].append(quote)
    return Gold(visits=visits, ratings=ratings, articles=articles)
