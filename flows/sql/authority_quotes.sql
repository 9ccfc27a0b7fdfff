-- Who said what about each authority: every quote of an article about the authority, with its
-- speaker and the article it came from, newest article first.
CREATE OR REPLACE VIEW authority_quotes AS
SELECT aa.authority_code, aa.authority_name, q.quote_id, q.speaker_name, q.speaker_role,
       q.speaker_organisation, q.speaker_type, q.text, a.article_id, a.headline, a.published_date,
       a.published_date_precision, partial_date_label(a.published_date, a.published_date_precision) AS published_label,
       a.url, a.publisher, a.source_file, q.char_start
FROM quotes q
JOIN articles a USING (article_id)
JOIN article_authorities aa USING (article_id)
ORDER BY aa.authority_name, a.published_date DESC NULLS LAST, a.source_file, q.char_start;
