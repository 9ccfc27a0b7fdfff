-- From an inadequate overall grade to the next better one. A journey starts at an inadequate
-- grade that does not follow another inadequate one, and ends at the first later grade above
-- inadequate (and dated); until then the `improved_*` columns and `months_taken` are null.
-- Monitoring visits between: the authority's dated monitoring visits whose period (a day, month
-- or year, as precise as the text) can fall between the two grades.
CREATE OR REPLACE VIEW improvement_journeys AS
WITH overall AS (
    SELECT *, lag(judgement) OVER (PARTITION BY authority_code ORDER BY position) AS previous_judgement
    FROM authority_timeline
    WHERE event = 'rating' AND judgement_area = 'overall_effectiveness'
),
journeys AS (
    SELECT s.authority_code, s.authority_name, s.rating_id AS inadequate_rating_id,
           s.event_date AS inadequate_date, s.date_precision AS inadequate_date_precision,
           s.date_label AS inadequate_date_label, b.rating_id AS improved_rating_id,
           b.judgement AS improved_judgement, b.event_date AS improved_date,
           b.date_precision AS improved_date_precision, b.date_label AS improved_date_label,
           b.period_end AS improved_period_end
    FROM overall s
    LEFT JOIN overall b
        ON b.authority_code = s.authority_code AND b.position > s.position AND b.judgement <> 'inadequate'
       AND b.event_date IS NOT NULL
    WHERE s.judgement = 'inadequate' AND s.previous_judgement IS DISTINCT FROM 'inadequate'
    QUALIFY row_number() OVER (PARTITION BY s.rating_id ORDER BY b.position NULLS LAST) = 1
)
SELECT j.authority_code, j.authority_name, j.inadequate_date, j.inadequate_date_precision,
       j.improved_judgement, j.improved_date, j.improved_date_precision,
       date_diff('month', j.inadequate_date, j.improved_date) AS months_taken,
       count(m.visit_id) AS monitoring_visits,
       coalesce(list('#' || coalesce(CAST(m.sequence AS VARCHAR), '?') || ' ' || m.date_label
                     ORDER BY m.position) FILTER (WHERE m.visit_id IS NOT NULL), []) AS monitoring_visits_between,
       j.inadequate_rating_id, j.improved_rating_id
FROM journeys j
LEFT JOIN authority_timeline m
    ON m.authority_code = j.authority_code AND m.event = 'visit' AND m.visit_type = 'monitoring_visit'
   AND m.period_end > j.inadequate_date
   AND (j.improved_date IS NULL OR m.event_date < j.improved_period_end)
GROUP BY ALL
ORDER BY j.authority_name, j.inadequate_date;
