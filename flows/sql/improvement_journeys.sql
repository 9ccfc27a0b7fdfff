-- From an inadequate overall grade to the next better one. A journey starts at an inadequate
-- grade that does not follow another inadequate one, and ends at the first later grade above
-- inadequate (and dated); until then the `improved_*` columns and `months_taken` are null.
-- Monitoring visits between: the authority's dated monitoring visits whose period (a day, month
-- or year, as precise as the text) can fall between the two grades. Ofsted makes monitoring
-- visits only while a grade is inadequate, so an undated one belongs to the one journey it can:
-- the authority's only journey, or the journey whose dated visits are numbered on both sides of
-- its number. Otherwise it is not counted.
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
),
monitoring AS (
    SELECT authority_code, visit_id, sequence, event_date, period_end, position,
           '#' || coalesce(CAST(sequence AS VARCHAR), '?') || ' ' || coalesce(date_label, 'undated') AS label
    FROM authority_timeline
    WHERE event = 'visit' AND visit_type = 'monitoring_visit'
),
dated_between AS (
    SELECT j.inadequate_rating_id, m.*
    FROM journeys j
    JOIN monitoring m
        ON m.authority_code = j.authority_code AND m.event_date IS NOT NULL
       AND m.period_end > j.inadequate_date
       AND (j.improved_date IS NULL OR m.event_date < j.improved_period_end)
),
undated_between AS (
    SELECT j.inadequate_rating_id, m.*
    FROM journeys j
    JOIN monitoring m ON m.authority_code = j.authority_code AND m.event_date IS NULL
    WHERE (SELECT count(*) FROM journeys o WHERE o.authority_code = j.authority_code) = 1
       OR (m.sequence > (SELECT min(d.sequence) FROM dated_between d
                         WHERE d.inadequate_rating_id = j.inadequate_rating_id)
           AND m.sequence < (SELECT max(d.sequence) FROM dated_between d
                             WHERE d.inadequate_rating_id = j.inadequate_rating_id))
),
between_grades AS (
    SELECT * FROM dated_between
    UNION ALL
    SELECT * FROM undated_between
)
SELECT j.authority_code, j.authority_name, j.inadequate_date, j.inadequate_date_precision,
       j.improved_judgement, j.improved_date, j.improved_date_precision,
       date_diff('month', j.inadequate_date, j.improved_date) AS months_taken,
       count(m.visit_id) AS monitoring_visits,
       coalesce(list(m.label ORDER BY m.position) FILTER (WHERE m.visit_id IS NOT NULL), [])
           AS monitoring_visits_between,
       j.inadequate_rating_id, j.improved_rating_id
FROM journeys j
LEFT JOIN between_grades m USING (inadequate_rating_id)
GROUP BY ALL
ORDER BY j.authority_name, j.inadequate_date;
