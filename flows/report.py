"""The static HTML report: for each authority, its visits and grades over time, its findings by
theme and polarity, and what people said, each quote linked to its article.

It reads the published warehouse read-only, through the views in `flows/sql/`. Charts are
Altair specs drawn by vega-embed, whose JavaScript is inlined (from `vl-convert-python`), and a
Content-Security-Policy forbids every network fetch, so the page works offline. Every piece of
article text goes through Jinja's autoescaping; chart data goes into JSON data blocks with `<`,
`>` and `&` escaped, so no article can put markup or script into the page.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
from markupsafe import Markup

from .warehouse import read_only

RECENT_QUOTES = 6
# Articles listed per authority, newest first; the rest are counted (all of them are one query
# away in `article_authorities`). Listing every one made a 58 MB page at 100,000 articles.
RECENT_ARTICLES = 20
# Visits and grades shown per authority, the latest; earlier ones are counted. (Decades of real
# inspections stay well below it; a stress corpus gives hundreds per authority.)
RECENT_EVENTS = 60
JUDGEMENT_COLOURS = {"outstanding": "#1a9850", "good": "#91cf60", "requires_improvement": "#fdae61",
                     "inadequate": "#d73027"}
POLARITY_COLOURS = {"positive": "#1a9850", "mixed": "#fdae61", "negative": "#d73027"}
VISIT_LANES = {"inspection": "inspection", "monitoring_visit": "monitoring visit", "focused_visit": "focused visit",
               "jtai": "joint targeted area inspection", "other": "other visit"}
GRADE_LANE = "grade"


@dataclass
class AuthoritySection:
    code: str
    name: str
    region: str | None
    latest: dict | None
    timeline: list[dict]  # its latest RECENT_EVENTS visits and grades, in order
    event_count: int  # how many visits and grades it has
    findings: list[dict]
    quotes: list[dict]
    articles: list[dict]  # the newest RECENT_ARTICLES articles about the authority
    article_count: int  # how many articles are about it
    charts: dict[str, str] = field(default_factory=dict)  # chart element id -> escaped Vega-Lite JSON

    @property
    def anchor(self) -> str:
        return f"authority-{self.code}"


@dataclass
class Report:
    generated_at: str
    warehouse: str
    last_run: dict | None
    checks_failed: list[dict]  # the last run's failed data-quality checks
    authorities: list[AuthoritySection]
    articles: list[dict]  # every article listed or quoted; quoted ones carry their text
    data_docs: dict[str, str] = field(default_factory=dict)  # "index" or a table name -> relative link


def write_report(warehouse: Path, target: Path, docs_dir: Path | None = None) -> Path:
    """Render the report from the published warehouse, linking the Data Docs in `docs_dir` if
    there are any, and swap it in atomically."""
    report = load(warehouse)
    if docs_dir is not None:
        report.data_docs = _data_docs_links(docs_dir, target.parent)
    html = render(report, warehouse.parent / BUNDLE_CACHE)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.partial")
    partial.write_text(html, encoding="utf-8")
    os.replace(partial, target)
    return target


# --- reading --------------------------------------------------------------------------------------

def _rows(relation) -> list[dict]:
    return [dict(zip(relation.columns, row)) for row in relation.fetchall()]


def load(warehouse: Path) -> Report:
    """Everything the page shows, read through the warehouse's views. Only what is shown is read:
    each authority's latest quotes and articles, the last run's failed checks, and the text of
    quoted articles (not every article's body), so memory follows the page, not the corpus."""
    with read_only(warehouse) as conn:
        tables = {name: _rows(conn.table(name)) for name in (
            "latest_ratings", "findings_by_theme", "authorities", "pipeline_runs")}
        tables["authority_timeline"] = _rows(conn.table("authority_timeline").project(
            "authority_code, authority_name, position, event, event_date, date_label, visit_type, sequence, "
            "focus, judgement, judgement_area, count(*) OVER (PARTITION BY authority_code) AS total").filter(
            f"position > total - {RECENT_EVENTS}"))
        tables["article_authorities"] = _rows(conn.table("article_authorities").join(conn.table("articles").project(
            "article_id, source_file, headline, url, publisher, published_date"), "article_id").project(
            "authority_code, article_id, source_file, headline, url, publisher, "
            "count(*) OVER (PARTITION BY authority_code) AS total, row_number() OVER (PARTITION BY authority_code "
            "ORDER BY published_date DESC NULLS LAST, source_file) AS recency").filter(
            f"recency <= {RECENT_ARTICLES}").order("recency"))
        tables["authority_quotes"] = _rows(conn.table("authority_quotes").project(
            "*, row_number() OVER (PARTITION BY authority_code ORDER BY published_date DESC NULLS LAST, "
            "source_file, char_start) AS recency").filter(f"recency <= {RECENT_QUOTES}").order("recency"))
        runs = sorted(tables["pipeline_runs"], key=lambda r: r["started_at"])
        last_run = runs[-1] if runs else None
        checks_failed = _rows(conn.table("dq_results").filter(
            duckdb.ColumnExpression("run_id") == duckdb.ConstantExpression(last_run["run_id"] if last_run else None)
        ).filter("NOT success").order("table_name, check_name"))
        sections = _sections(tables)
        cited = sorted({q["article_id"] for s in sections for q in s.quotes})
        bodies = dict(conn.table("articles").filter(duckdb.ColumnExpression("article_id").isin(
            *(duckdb.ConstantExpression(a) for a in cited))).project("article_id, body").fetchall()) if cited else {}
    articles = {a["article_id"]: {k: a[k] for k in ("article_id", "source_file", "headline", "url", "publisher")}
                for s in sections for a in (*s.articles, *s.quotes)}
    return Report(
        generated_at=dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        warehouse=str(warehouse.resolve()),
        last_run=last_run,
        checks_failed=checks_failed,
        authorities=sections,
        articles=[{**a, "body": bodies.get(a["article_id"])}
                  for a in sorted(articles.values(), key=lambda a: a["source_file"])],
    )


def _sections(tables: dict[str, list[dict]]) -> list[AuthoritySection]:
    """One section per authority that has a visit, a grade, a finding or a quote."""
    latest = {row["authority_code"]: row for row in tables["latest_ratings"]}
    regions = {row["authority_code"]: row["region"] for row in tables["authorities"]}
    by_authority: dict[str, dict[str, list[dict]]] = {}
    for view in ("authority_timeline", "findings_by_theme", "authority_quotes", "article_authorities"):
        for row in tables[view]:
            by_authority.setdefault(row["authority_code"], {}).setdefault(view, []).append(row)
    names = {row["authority_code"]: row["authority_name"] for view in ("authority_timeline", "findings_by_theme",
             "authority_quotes") for row in tables[view] if row["authority_code"] is not None}
    sections = []
    for code in sorted(names, key=lambda c: (names[c], c)):
        rows = by_authority[code]
        quotes = rows.get("authority_quotes", [])  # newest first, at most RECENT_QUOTES (see `load`)
        listed = rows.get("article_authorities", [])
        timeline = sorted(rows.get("authority_timeline", []), key=lambda e: e["position"])
        section = AuthoritySection(
            code=code, name=names[code], region=regions.get(code), latest=latest.get(code),
            timeline=timeline, event_count=timeline[0]["total"] if timeline else 0,
            findings=rows.get("findings_by_theme", []), quotes=[_with_safe_url(q) for q in quotes],
            articles=[_with_safe_url(a) for a in listed],  # newest first, at most RECENT_ARTICLES
            article_count=listed[0]["total"] if listed else 0)
        section.charts = _charts(section)
        sections.append(section)
    return sections


def _data_docs_links(docs_dir: Path, base: Path) -> dict[str, str]:
    """Links to the Data Docs' index and to each table's validation page. The pages themselves
    read offline; GX's index lists them with scripts from CDNs, so the report links them too."""
    if not (docs_dir / "index.html").is_file():
        return {}
    links = {"index": Path(os.path.relpath(docs_dir / "index.html", base)).as_posix()}
    for page in sorted((docs_dir / "validations").glob("*/**/*.html")):
        table = page.relative_to(docs_dir / "validations").parts[0]
        links[table] = Path(os.path.relpath(page, base)).as_posix()
    return links


def _with_safe_url(row: dict) -> dict:
    """Only web addresses become links: a `javascript:` URL in a metadata file must not."""
    url = row.get("url")
    return {**row, "url": url if isinstance(url, str) and url.lower().startswith(("http://", "https://")) else None}


# --- charts ---------------------------------------------------------------------------------------

def _describe(event: dict) -> str:
    if event["event"] == "rating":
        area = event["judgement_area"].replace("_", " ")
        return f"{event['judgement'].replace('_', ' ')} ({area})"
    words = [VISIT_LANES.get(event["visit_type"], event["visit_type"])]
    if event["sequence"] is not None:
        words.append(f"#{event['sequence']}")
    if event["focus"]:
        words.append(f"on {event['focus']}")
    return " ".join(words)


def _charts(section: AuthoritySection) -> dict[str, str]:
    """The authority's charts: the shared chart specs with its own rows as their data."""
    charts = {}
    dated = [e for e in section.timeline if e["event_date"] is not None]
    if dated:
        rows = [{"date": e["event_date"].isoformat(), "when": e["date_label"], "what": _describe(e),
                 "kind": e["event"], "grade": e["judgement"],
                 "lane": GRADE_LANE if e["event"] == "rating" else VISIT_LANES.get(e["visit_type"], "other visit")}
                for e in dated]
        charts[f"timeline-{section.code}"] = _spec(_timeline_chart(), rows)
    if section.findings:
        rows = [{"theme": f["theme"].replace("_", " "), "polarity": f["polarity"], "findings": int(f["findings"])}
                for f in section.findings]
        charts[f"findings-{section.code}"] = _spec(_findings_chart(), rows)
    return charts


CHART_DATA = "rows"


@functools.cache
def _timeline_chart() -> dict:
    """Visits and grades on one time axis, a lane each; built and validated once, for every authority."""
    import altair as alt

    base = alt.Chart(alt.Data(name=CHART_DATA)).encode(
        x=alt.X("date:T", title=None, axis=alt.Axis(format="%Y", tickCount="year")),
        y=alt.Y("lane:N", title=None, sort=[GRADE_LANE, *VISIT_LANES.values()]),
        tooltip=[alt.Tooltip("when:N", title="date"), alt.Tooltip("what:N", title="event")])
    visits = base.transform_filter(alt.datum.kind == "visit").mark_point(
        filled=True, size=90, shape="diamond", color="#4a4a4a")
    grades = base.transform_filter(alt.datum.kind == "rating").mark_circle(size=220, opacity=1).encode(
        color=alt.Color("grade:N", title="grade",
                        scale=alt.Scale(domain=list(JUDGEMENT_COLOURS), range=list(JUDGEMENT_COLOURS.values()))))
    return (visits + grades).properties(width=560, height=alt.Step(30), title="Visits and grades").to_dict()


@functools.cache
def _findings_chart() -> dict:
    import altair as alt

    bars = alt.Chart(alt.Data(name=CHART_DATA)).mark_bar().encode(
        y=alt.Y("theme:N", sort="-x", title=None),
        x=alt.X("sum(findings):Q", title="findings"),
        color=alt.Color("polarity:N", scale=alt.Scale(domain=list(POLARITY_COLOURS),
                                                       range=list(POLARITY_COLOURS.values()))),
        tooltip=[alt.Tooltip("theme:N"), alt.Tooltip("polarity:N"), alt.Tooltip("findings:Q")])
    return bars.properties(width=560, title="Findings by theme and polarity").to_dict()


def _spec(chart: dict, rows: list[dict]) -> str:
    """The chart's Vega-Lite JSON with these rows as its data, safe inside a <script> data block."""
    text = json.dumps({**chart, "datasets": {CHART_DATA: rows}}, sort_keys=True)
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


BUNDLE_CACHE = ".cache"


@functools.cache
def _vega_javascript(cache_dir: Path) -> str:
    """vega, vega-lite and vega-embed in one script, the versions Altair's specs are written for.
    Building it takes vl-convert a second or two, so it is kept in `cache_dir`, per version."""
    import vl_convert
    from altair.utils._importers import vl_version_for_vl_convert

    version = vl_version_for_vl_convert()
    cached = cache_dir / f"vega-bundle-{vl_convert.__version__}-{version}.js"
    if cached.is_file():
        return cached.read_text(encoding="utf-8")
    script = vl_convert.javascript_bundle(vl_version=version).replace("</script", "<\\/script")
    cache_dir.mkdir(parents=True, exist_ok=True)
    partial = cached.with_name(f".{cached.name}.{os.getpid()}.partial")
    partial.write_text(script, encoding="utf-8")
    os.replace(partial, cached)
    return script


# --- the page -------------------------------------------------------------------------------------

def render(report: Report, cache_dir: Path) -> str:
    import jinja2

    environment = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined,
                                     trim_blocks=True, lstrip_blocks=True)
    environment.filters["label"] = lambda value: (value or "").replace("_", " ")
    nonce = secrets.token_urlsafe(16)
    return environment.from_string(PAGE).render(
        report=report, nonce=nonce, vega=Markup(_vega_javascript(cache_dir)), describe=_describe, Markup=Markup)


PAGE = """\
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy"
      content="default-src 'none'; script-src 'nonce-{{ nonce }}' 'unsafe-eval'; style-src 'unsafe-inline'; img-src data:">
<title>Ofsted inspections of children's services: report</title>
<style>
  body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 60rem; padding: 0 1rem; color: #222; }
  h2 { border-top: 1px solid #ccc; padding-top: 1rem; margin-top: 2.5rem; }
  table { border-collapse: collapse; margin: 0.5rem 0 1rem; }
  th, td { text-align: left; padding: 0.2rem 0.6rem; border-bottom: 1px solid #eee; vertical-align: top; }
  .grade { padding: 0 0.4rem; border-radius: 0.2rem; }
  .grade.outstanding { background: #1a9850; color: #fff; } .grade.good { background: #91cf60; }
  .grade.requires_improvement { background: #fdae61; } .grade.inadequate { background: #d73027; color: #fff; }
  blockquote { margin: 0.6rem 0; padding: 0.2rem 1rem; border-left: 4px solid #bbb; }
  .speaker, .meta { color: #555; font-size: 0.9rem; }
  pre.body { white-space: pre-wrap; font-family: inherit; background: #f7f7f7; padding: 0.8rem; }
</style>
</head>
<body>
<h1>Ofsted inspections of children's services</h1>
<p class="meta">Generated {{ report.generated_at }} from <code>{{ report.warehouse }}</code>.
{% if report.last_run %}
Last run <code>{{ report.last_run.run_id }}</code>: {{ report.last_run.status }}{% if report.last_run.message %}
({{ report.last_run.message }}){% endif %}, {{ report.last_run.articles_seen }} articles seen.
{% endif %}</p>

<h2 id="data-quality">Data quality</h2>
{% if report.last_run %}
<p>The last run's audit: {{ report.last_run.checks_passed }} checks passed, {{ report.last_run.checks_failed }} failed.
{% if report.last_run.status != "published" %}<strong>Nothing from that run was published: the tables below are from the last published run.</strong>{% endif %}</p>
{% endif %}
{% if report.checks_failed %}
<table class="checks">
<tr><th>table</th><th>check</th><th>severity</th><th>observed</th></tr>
{% for c in report.checks_failed %}
<tr><td>{{ c.table_name }}</td><td>{{ c.check_name }}</td><td>{{ c.severity }}</td><td>{{ (c.observed_value or "")[:300] }}</td></tr>
{% endfor %}
</table>
{% endif %}
{% if report.data_docs %}
<p>Great Expectations Data Docs: <a href="{{ report.data_docs["index"] }}">index</a>; results by table:
{% for table, link in report.data_docs.items() if table != "index" %}<a href="{{ link }}">{{ table }}</a>{{ ", " if not loop.last }}{% endfor %}.</p>
{% endif %}

{% if not report.authorities %}
<p>The warehouse has no visits or grades yet.</p>
{% else %}
<h2 id="contents">Authorities</h2>
<table>
<tr><th>authority</th><th>region</th><th>current grade</th><th>since</th></tr>
{% for a in report.authorities %}
<tr><td><a href="#{{ a.anchor }}">{{ a.name }}</a></td><td>{{ a.region or "" }}</td>
{% if a.latest %}<td><span class="grade {{ a.latest.judgement }}">{{ a.latest.judgement | label }}</span></td>
<td>{{ a.latest.date_label or "date unknown" }}</td>{% else %}<td>no grade found</td><td></td>{% endif %}</tr>
{% endfor %}
</table>
{% endif %}

{% for a in report.authorities %}
<section class="authority" id="{{ a.anchor }}">
<h2>{{ a.name }}</h2>
<p class="meta">{{ a.region or "" }} &middot; {{ a.code }}</p>
<h3>Visits and grades</h3>
{% if "timeline-" ~ a.code in a.charts %}<div class="chart" data-chart="timeline-{{ a.code }}"></div>{% endif %}
<table class="timeline">
<tr><th>date</th><th>event</th></tr>
{% if a.event_count > a.timeline | length %}
<tr><td colspan="2" class="more">{{ a.event_count - a.timeline | length }} earlier visits and grades (all of them:
<code>SELECT * FROM authority_timeline WHERE authority_code = '{{ a.code }}' ORDER BY position</code>)</td></tr>
{% endif %}
{% for e in a.timeline %}
<tr><td>{{ e.date_label or "date unknown" }}</td><td>{% if e.event == "rating" %}<span class="grade {{ e.judgement }}">{{ e.judgement | label }}</span> {{ e.judgement_area | label }}{% else %}{{ describe(e) }}{% endif %}</td></tr>
{% endfor %}
</table>
<h3>Findings by theme</h3>
{% if a.findings %}
<div class="chart" data-chart="findings-{{ a.code }}"></div>
{% else %}
<p>No findings recorded.</p>
{% endif %}
<h3>Recent quotes</h3>
{% for q in a.quotes %}
<blockquote class="quote">
<p>&ldquo;{{ q.text }}&rdquo;</p>
<p class="speaker">{{ [q.speaker_name, q.speaker_role, q.speaker_organisation] | select | join(", ") or q.speaker_type | label }}
&middot; <a href="#article-{{ q.article_id }}">{{ q.headline or q.source_file }}</a>{% if q.url %} (<a href="{{ q.url }}" rel="noopener noreferrer">source</a>){% endif %}
{% if q.published_label %}&middot; {{ q.published_label }}{% endif %}</p>
</blockquote>
{% else %}
<p>No quotes recorded.</p>
{% endfor %}
<h3>Articles</h3>
<ul class="articles">
{% for article in a.articles %}
<li><a href="#article-{{ article.article_id }}">{{ article.headline or article.source_file }}</a></li>
{% endfor %}
{% if a.article_count > a.articles | length %}
<li class="more">and {{ a.article_count - a.articles | length }} older articles (all of them:
<code>SELECT * FROM article_authorities WHERE authority_code = '{{ a.code }}'</code>)</li>
{% endif %}
</ul>
</section>
{% endfor %}

{% if report.articles %}
<h2 id="articles">Articles</h2>
{% for article in report.articles %}
<article id="article-{{ article.article_id }}">
<h3>{{ article.headline or article.source_file }}</h3>
<p class="meta"><code>{{ article.source_file }}</code>{% if article.publisher %} &middot; {{ article.publisher }}{% endif %}{% if article.url %} &middot; <a href="{{ article.url }}" rel="noopener noreferrer">{{ article.url }}</a>{% endif %}</p>
{% if article.body %}<details><summary>Full text</summary><pre class="body">{{ article.body }}</pre></details>{% endif %}
</article>
{% endfor %}
{% endif %}

{% for a in report.authorities %}{% for chart_id, spec in a.charts.items() %}
<script type="application/json" id="{{ chart_id }}">{{ Markup(spec) }}</script>
{% endfor %}{% endfor %}
<script nonce="{{ nonce }}">
{{ vega }}
</script>
<script nonce="{{ nonce }}">
document.querySelectorAll("[data-chart]").forEach(function (element) {
  var spec = JSON.parse(document.getElementById(element.dataset.chart).textContent);
  vegaEmbed(element, spec, {actions: false, renderer: "svg"}).catch(function (error) { console.error(error); });
});
</script>
</body>
</html>
"""
