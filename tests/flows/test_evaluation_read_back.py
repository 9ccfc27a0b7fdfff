"""The evaluation reads the warehouse back as the gold answers' shape: one row per event row."""

from __future__ import annotations

import datetime as dt

from flows.evaluation import predictions_from_warehouse
from flows.warehouse import Staging


def test_two_events_that_read_alike_stay_two_rows(tmp_path):
    """Two undated inspections of one council are two visits (the merge could not tell they were
    one), so the scorer must see two rows, not one per distinct set of values."""
    warehouse = tmp_path / "ofsted.duckdb"
    staging = Staging(warehouse, "run_test", fresh=True)
    conn = staging.conn
    conn.execute("INSERT INTO articles (article_id, source_file, content_sha256, published_date_precision, "
                 "is_relevant, status, file_size, file_mtime_ns, run_id) "
                 "VALUES ('a1', 'one.txt', 'ab12', 'unknown', true, 'loaded', 10, 0, 'run_test')")
    for visit_id in ("visit_1", "visit_2"):
        conn.execute("INSERT INTO visits (visit_id, authority_code, authority_name, visit_type, date_precision, "
                     "published_date_precision, source_count) "
                     "VALUES (?, 'E06000007', 'Warrington', 'inspection', 'unknown', 'unknown', 1)", [visit_id])
        conn.execute("INSERT INTO visit_sources (visit_id, article_id) VALUES (?, 'a1')", [visit_id])
    for rating_id, day in (("rating_1", 1), ("rating_2", 2)):
        conn.execute("INSERT INTO ratings (rating_id, authority_code, authority_name, judgement, judgement_area, "
                     "rating_date, date_precision, article_id, evidence, source_count) VALUES (?, 'E06000007', "
                     "'Warrington', 'good', 'overall_effectiveness', ?, 'year', 'a1', 'Rated good.', 1)", [rating_id, dt.date(2023, 1, day)])
        conn.execute("INSERT INTO rating_sources (rating_id, article_id) VALUES (?, 'a1')", [rating_id])
    staging.publish()

    predicted = predictions_from_warehouse(warehouse)

    assert [v["sources"] for v in predicted.visits] == [["one.txt"], ["one.txt"]]
    assert [r["year"] for r in predicted.ratings] == [2023, 2023]
