-- The contract's partial dates: a DATE column stands for the day, month or year its
-- `*_precision` column names. These macros print one as the text gives it ('2017', '2018-11',
-- '2019-05-14'; null when unknown) and give the day after the period it covers.
CREATE OR REPLACE MACRO partial_date_label(value, date_precision) AS
    CASE date_precision
        WHEN 'day' THEN strftime(value, '%Y-%m-%d')
        WHEN 'month' THEN strftime(value, '%Y-%m')
        WHEN 'year' THEN strftime(value, '%Y')
    END;
CREATE OR REPLACE MACRO partial_date_end(value, date_precision) AS
    CAST(CASE date_precision
        WHEN 'day' THEN value + INTERVAL 1 DAY
        WHEN 'month' THEN value + INTERVAL 1 MONTH
        WHEN 'year' THEN value + INTERVAL 1 YEAR
    END AS DATE);
