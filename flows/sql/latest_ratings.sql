-- The current overall grade of each authority that has one: its latest overall-effectiveness
-- rating, with the grade before it.
CREATE OR REPLACE VIEW latest_ratings AS
WITH overall AS (
    SELECT t.*, a.region,
           lag(t.judgement) OVER (PARTITION BY t.authority_code ORDER BY t.position) AS previous_judgement,
           lag(t.date_label) OVER (PARTITION BY t.authority_code ORDER BY t.position) AS previous_date_label
    FROM authority_timeline t
    LEFT JOIN authorities a USING (authority_code)
    WHERE t.event = 'rating' AND t.judgement_area = 'overall_effectiveness'
)
SELECT authority_code, authority_name, region, judgement, event_date AS rating_date, date_precision,
       date_label, previous_judgement, previous_date_label, visit_id, rating_id
FROM overall
QUALIFY row_number() OVER (PARTITION BY authority_code ORDER BY event_date IS NULL, position DESC) = 1
ORDER BY authority_name;
