-- How many findings each authority has per theme and polarity. A finding belongs to the authority
-- of its visit; one without a visit, to its article's authority when the article is about only one.
-- Findings whose authority cannot be told are counted under a null authority.
CREATE OR REPLACE VIEW findings_by_theme AS
WITH sole_authority AS (
    SELECT article_id, any_value(authority_code) AS authority_code, any_value(authority_name) AS authority_name
    FROM article_authorities
    GROUP BY article_id
    HAVING count(*) = 1
)
SELECT coalesce(v.authority_code, s.authority_code) AS authority_code,
       coalesce(v.authority_name, s.authority_name) AS authority_name,
       f.theme, f.polarity, count(*) AS findings, count(DISTINCT f.article_id) AS articles
FROM findings f
LEFT JOIN visits v USING (visit_id)
LEFT JOIN sole_authority s USING (article_id)
GROUP BY ALL
ORDER BY authority_name NULLS LAST, findings DESC, theme, polarity;
