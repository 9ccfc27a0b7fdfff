-- Every visit and every rating of each authority, in order: `position` numbers them per authority.
-- A rating is dated by its own date, or by its visit's where that is more precise and falls in
-- the rating's period (a grade published in "2019" after an inspection in May 2019 is dated
-- 2019-05), and is placed right after the visit that gave it. At the same date an inspection and
-- its grades come before monitoring visits (which follow a grade), and monitoring visits go by
-- number. `period_end` is the day after the period the date stands for (a day, a month or a
-- year, as precise as the text).
CREATE OR REPLACE VIEW authority_timeline AS
WITH rated AS (
    SELECT r.*, v.visit_type, v.sequence, v.focus, v.visit_date, v.date_precision AS visit_date_precision,
           r.rating_date IS NULL OR (
               v.visit_date >= r.rating_date AND v.visit_date < partial_date_end(r.rating_date, r.date_precision)
               AND list_position(['year', 'month', 'day'], v.date_precision)
                   > list_position(['year', 'month', 'day'], r.date_precision)) AS dated_by_visit
    FROM ratings r
    LEFT JOIN visits v USING (visit_id)
),
events AS (
    SELECT authority_code, authority_name, 'visit' AS event, visit_date AS event_date, date_precision,
           visit_date AS sort_date, visit_type, sequence, focus, CAST(NULL AS VARCHAR) AS judgement,
           CAST(NULL AS VARCHAR) AS judgement_area, visit_id, CAST(NULL AS VARCHAR) AS rating_id, source_count
    FROM visits
    UNION ALL
    SELECT authority_code, authority_name, 'rating',
           CASE WHEN dated_by_visit THEN visit_date ELSE rating_date END,
           CASE WHEN dated_by_visit THEN coalesce(visit_date_precision, 'unknown') ELSE date_precision END,
           coalesce(visit_date, rating_date), visit_type, sequence, focus, judgement, judgement_area, visit_id,
           rating_id, source_count
    FROM rated
)
SELECT row_number() OVER (
           PARTITION BY authority_code
           ORDER BY sort_date NULLS LAST,
                    CASE WHEN event = 'rating' OR visit_type = 'inspection' THEN 0 ELSE 1 END,
                    sequence NULLS LAST, visit_id NULLS LAST, CASE event WHEN 'visit' THEN 0 ELSE 1 END,
                    judgement_area, rating_id
       ) AS position,
       authority_code, authority_name, event, event_date, date_precision,
       partial_date_label(event_date, date_precision) AS date_label,
       partial_date_end(event_date, date_precision) AS period_end,
       visit_type, sequence, focus, judgement, judgement_area, visit_id, rating_id, source_count
FROM events
ORDER BY authority_name, position;
