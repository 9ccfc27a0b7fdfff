-- Which authorities each article is about: the authorities its visit and rating mentions name,
-- with how often. Findings without a visit and quotes reach their authority through this.
CREATE OR REPLACE VIEW article_authorities AS
SELECT article_id, authority_code, any_value(authority_name) AS authority_name, count(*) AS mentions
FROM (
    SELECT article_id, authority_code, authority_name FROM visit_mentions
    UNION ALL
    SELECT article_id, authority_code, authority_name FROM rating_mentions
)
GROUP BY article_id, authority_code;
