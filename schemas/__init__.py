"""The warehouse's tables, each described once as a pandera DataFrameModel.

Everything else about a table (its DuckDB DDL, the data dictionary, the data-quality checks) is
derived from these models by `schemas.render`, so none of it can drift from the contract.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandera.pandas as pa

from .articles import Articles
from .authorities import Authorities
from .findings import Findings
from .quotes import Quotes
from .ratings import RatingMentions, Ratings, RatingSources
from .runs import DqResults, PipelineRuns, RejectedRecords
from .visits import VisitMentions, Visits, VisitSources


@dataclass(frozen=True)
class Table:
    """A warehouse table: its name, its model and its key columns."""

    name: str
    model: type[pa.DataFrameModel]
    key: tuple[str, ...]
    per_article: bool = False

    @property
    def description(self) -> str:
        return " ".join((self.model.__doc__ or "").split())

    @property
    def columns(self) -> list[str]:
        return list(self.model.to_schema().columns)


TABLES: tuple[Table, ...] = (
    Table("authorities", Authorities, ("authority_code",)),
    Table("articles", Articles, ("article_id",), per_article=True),
    Table("visits", Visits, ("visit_id",)),
    Table("visit_sources", VisitSources, ("visit_id", "article_id")),
    Table("visit_mentions", VisitMentions, ("article_id", "mention_index"), per_article=True),
    Table("ratings", Ratings, ("rating_id",)),
    Table("rating_sources", RatingSources, ("rating_id", "article_id")),
    Table("rating_mentions", RatingMentions, ("article_id", "mention_index"), per_article=True),
    Table("findings", Findings, ("finding_id",), per_article=True),
    Table("quotes", Quotes, ("quote_id",), per_article=True),
    Table("pipeline_runs", PipelineRuns, ("run_id",)),
    Table("dq_results", DqResults, ("run_id", "table_name", "check_name")),
    Table("rejected_records", RejectedRecords, ()),
)

TABLE = {t.name: t for t in TABLES}
