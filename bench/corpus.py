"""A synthetic corpus of news articles about Ofsted's inspections of children's services.

Articles are composed from templates and phrase banks written for the benchmark (no text of the
sample or development articles is reused), so the corpus can be as large as needed. Article `i`
depends only on the seed and `i`: the corpus of 1,000 is the first 1,000 files of the corpus of
10,000, and the same seed always writes the same bytes.

The mix follows the samples: local papers, wire copy, trade press, council press releases,
broadcasters, markdown and HTML pages; graded inspections with and without area grades,
numbered monitoring visits, focused visits, joint targeted area inspections; straight, curly and
single quotation marks, quotes over several paragraphs, attributions before, after and inside a
quote; about one article in seven not about a council's children's services at all; a few
exact copies of another file; metadata for some files in `manifest.csv`.

    .venv/bin/python -m bench.corpus --n 1000 --out bench/out/corpus-1000
"""

from __future__ import annotations

import argparse
import csv
import dataclasses
import datetime as dt
import html
import random
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from inspections.authorities import Authority, authorities

DEFAULT_SEED = 20240611
MANIFEST = "manifest.csv"

STYLES = ("local_paper", "wire", "trade_press", "press_release", "broadcaster", "markdown", "html")
STYLE_WEIGHTS = (26, 16, 14, 14, 10, 10, 10)
KINDS = ("inspection", "monitoring_visit", "focused_visit", "jtai", "negative")
KIND_WEIGHTS = (36, 20, 16, 7, 15)
JUDGEMENTS = ("outstanding", "good", "requires_improvement", "inadequate")
QUOTE_MARKS = {"straight": ('"', '"'), "curly": ("“", "”"), "single_curly": ("‘", "’")}
QUOTE_WEIGHTS = (50, 38, 12)

FIRST = ("Aisha", "Ben", "Carys", "Daniel", "Eleanor", "Farhan", "Grace", "Harjit", "Imogen", "James", "Kemi",
         "Liam", "Marta", "Nadia", "Owen", "Priya", "Rhys", "Sophie", "Tomasz", "Una", "Victor", "Wendy",
         "Yusuf", "Zara", "Alan", "Bernadette", "Colin", "Deborah", "Emeka", "Fiona", "Gareth", "Helen")
LAST = ("Ashworth", "Bhatti", "Carmody", "Doyle", "Evans", "Fenwick", "Goldsmith", "Hargreaves", "Iqbal",
        "Jennings", "Kowalski", "Lindqvist", "Mensah", "Naylor", "Okonjo", "Pritchard", "Quigley", "Rahman",
        "Sutcliffe", "Thornton", "Underwood", "Varga", "Whitlock", "Yardley", "Brennan", "Cartwright",
        "Dunmore", "Ellison", "Fairbairn", "Greaves", "Holloway", "Ingram")
PUBLISHERS = {
    "local_paper": ("The {place} Echo", "{place} Evening Gazette", "The {place} Post"),
    "wire": ("Local Democracy Reporting Service",),
    "trade_press": ("Children's Services Weekly", "Social Care Review"),
    "press_release": ("{council} (press release)",),
    "broadcaster": ("Regional News Online",),
    "markdown": ("{place} Independent",),
    "html": ("{place} Live",),
}

ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth")
FOCUSES = ("children in care", "care leavers", "children in need and those subject to a child protection plan",
           "the front door", "vulnerable adolescents", "disabled children", "children missing from education")
JTAI_THEMES = ("children at risk of criminal exploitation", "children living with domestic abuse",
               "the response to child sexual abuse in the family environment", "serious youth violence",
               "children with mental health needs")
AREAS = ("the experiences and progress of children who need help and protection",
         "the experiences and progress of children in care", "the experiences and progress of care leavers",
         "the impact of leaders on social work practice with children and families")
AREA_SHORT = ("help and protection", "children in care", "care leavers", "the impact of leaders")
JUDGEMENT_WORDS = {"outstanding": ("outstanding",), "good": ("good",),
                   "requires_improvement": ("requires improvement to be good", "requires improvement"),
                   "inadequate": ("inadequate",)}

FINDINGS = {
    "positive": (
        "social workers know the children they work with well and visit them regularly",
        "children are seen alone and their wishes and feelings shape their plans",
        "the multi-agency safeguarding hub responds quickly to contacts and referrals",
        "managers provide regular supervision that helps social workers reflect on risk",
        "assessments are thorough and take account of the child's history",
        "care leavers have personal advisers who keep in touch and help them find a home",
        "leaders have a clear understanding of the strengths and weaknesses of practice",
        "staff morale is high and caseloads are manageable",
        "unaccompanied asylum-seeking children receive timely support with their health and education",
        "disabled children benefit from well coordinated plans across health and education",
        "children in care live in stable placements that meet their needs",
        "partnership work with the police and schools has been strengthened",
    ),
    "negative": (
        "too many children wait too long for their needs to be assessed",
        "plans are not always specific enough to show what needs to change",
        "case records do not always show why decisions were made",
        "management oversight is not consistently effective in reducing drift",
        "some children have had several changes of social worker",
        "the views of fathers are not routinely sought",
        "strategy meetings do not always include all relevant partners",
        "some care leavers live in unsuitable accommodation",
        "the quality of practice remains too variable across teams",
        "leaders have been too slow to address weaknesses in the front door",
        "the workforce remains fragile, with a high number of agency staff",
        "return home interviews for children who go missing are not always completed",
    ),
}
FINDING_LEADS = ("Inspectors found that {f}.", "The report said {f}.", "According to the letter, {f}.",
                 "Inspectors noted that {f}.", "Ofsted found {f}.")
COUNCILLOR_ROLES = ("cabinet member for children and families", "lead member for children's services",
                    "leader of the council", "chair of the children's scrutiny committee",
                    "portfolio holder for children, young people and education")
OFFICER_ROLES = ("director of children's services", "executive director of children and young people",
                 "corporate director for children, families and education", "chief executive")
COUNCIL_LINES = (
    "We are pleased that inspectors recognised the progress our teams have made.",
    "We know there is more to do and we will not rest until every child gets the service they deserve.",
    "Our social workers go above and beyond for the children and families they support.",
    "We accept the findings in full and have already begun work on the areas for improvement.",
    "This is a testament to the hard work of our staff and partners.",
    "Our improvement plan is on track and we will keep listening to children and young people.",
    "We are disappointed, but the report gives us a clear picture of what needs to change.",
    "Keeping children safe is our top priority and we will act on every recommendation.",
    "Recruiting and keeping experienced social workers has been our biggest challenge.",
    "Families told us what mattered to them and we have built our services around that.",
    "I want to thank every foster carer who opened their home to a child this year.",
    "The extra investment agreed by the council is already making a difference on the front line.",
    "We will be sharing our updated plan with the improvement board next month.",
    "Nobody should be in any doubt about how seriously we take this.",
)
OFSTED_LINES = (
    "Children are increasingly benefiting from social workers who know them well.",
    "Leaders have strengthened the oversight of practice, but the quality of work remains inconsistent.",
    "Most children's plans are now reviewed regularly, although some lack clear timescales.",
    "Senior leaders have an accurate understanding of where practice needs to improve.",
    "For some children, delays in decision-making mean that they remain in situations of risk for too long.",
    "Care leavers speak positively about the help they receive from their personal advisers.",
    "The local authority has responded appropriately to the findings of the last inspection.",
    "Too many assessments are completed without speaking to the wider family.",
    "Social workers say that they feel supported and that their managers are accessible.",
    "The quality of supervision is variable and does not consistently challenge drift in children's plans.",
    "Partners report that communication with the local authority has improved considerably.",
    "Children who go missing from home or care are not always offered a return home interview.",
)
CONTEXT_LINES = (
    "The number of children in care in {name} has risen to {n} over the past five years.",
    "The council has committed an extra £{m} million to children's social care this year.",
    "{name} has faced difficulties recruiting permanent social workers, with about {p}% of posts filled by "
    "agency staff.",
    "An improvement board, chaired by an independent expert, has overseen the service since {y}.",
    "The council's children's services department supports around {k} children in need at any one time.",
    "A new director of children's services was appointed in {y} after a period of interim leadership.",
)
NEGATIVE_TOPICS = ("school", "nursery", "childrens_home", "budget")
BOILERPLATE = {
    "local_paper": "Have your say: comment below or email our newsdesk.",
    "wire": "This story was written by a Local Democracy Reporter.",
    "trade_press": "Subscribe for the latest news on children's social care.",
    "press_release": "ENDS\n\nNotes to editors: the full report is available on the Ofsted website.",
    "broadcaster": "Follow Regional News on social media for more stories.",
    "markdown": "*Tags: children's services, Ofsted, council*",
    "html": "Share this article",
}


@dataclass(frozen=True)
class Story:
    """What one generated article reports: used to check that the corpus is varied."""

    source_file: str
    kind: str
    authority_code: str
    judgement: str | None
    style: str
    quote_style: str
    visit_date: dt.date
    duplicate_of: str | None = None


def _council(authority: Authority) -> str:
    styled = [a for a in authority.aliases if a.endswith("Council")]
    return max(styled, key=len) if styled else f"{authority.name} Council"


def _person(rng: random.Random) -> tuple[str, str, str]:
    first, last = rng.choice(FIRST), rng.choice(LAST)
    pronoun = rng.choice(("He", "She"))
    return f"{first} {last}", last, pronoun


def _date_line(style: str, published: dt.date, byline: str) -> list[str]:
    day = f"{published.day} {published:%B %Y}"
    if style == "local_paper":
        return [f"By {byline}", f"{published:%d/%m/%y} 5:00am"]
    if style == "wire":
        return [f"{published:%A} {day}", f"By {byline}, Local Democracy Reporter"]
    if style == "trade_press":
        return [f"{byline}", f"{published:%A, %B} {published.day}, {published.year}"]
    if style == "press_release":
        return [f"Published: {day}"]
    if style == "broadcaster":
        return ["Published", day, "Share"]
    return []


def _quoted(rng: random.Random, paragraphs: Sequence[str], marks: tuple[str, str], speaker: str,
            pronoun: str, first_mention: bool) -> list[str]:
    """A quotation as the article prints it: the attribution before, after or inside the quote."""
    o, c = marks
    how = rng.choice(("before", "after", "inside")) if len(paragraphs) == 1 else "before"
    verb = f"said {speaker.rstrip(',')}" if first_mention else f"{pronoun.lower()} said"
    head, _, tail = paragraphs[0].partition(". ")
    if how == "after":
        return [f"{o}{paragraphs[0].rstrip('.')},{c} {verb}."]
    if how == "inside" and tail:
        return [f"{o}{head},{c} {verb}. {o}{tail}{c}"]
    who = speaker if first_mention else pronoun
    lead = f"{who} said:" if first_mention else f"{pronoun} added:"
    body = [f"{o}{p}" for p in paragraphs[:-1]] + [f"{o}{paragraphs[-1]}{c}"]
    return [lead + " " + body[0]] + body[1:] if rng.random() < 0.6 else [lead] + body


def _visit_phrase(rng: random.Random, visit: dt.date) -> str:
    month = f"{visit:%B}"
    return rng.choice((f"in {month} {visit.year}", f"in {month}", f"on {visit.day} and {visit.day + 1} {month}",
                       f"between {visit.day} and {visit.day + 9} {month} {visit.year}", f"in early {month} {visit.year}"))


def _event_paragraphs(rng: random.Random, kind: str, council: str, name: str, visit: dt.date,
                      judgement: str | None) -> tuple[str, list[str]]:
    when = _visit_phrase(rng, visit)
    if kind == "inspection":
        word = rng.choice(JUDGEMENT_WORDS[judgement])
        inspection = rng.choice(("inspection", "full inspection", "standard inspection", "short inspection"))
        headline = rng.choice((f"{name} children's services rated {word} by Ofsted",
                               f"Ofsted judges {name} children's services {word}",
                               f"'{word.capitalize()}' verdict for {name} children's services"))
        lines = [f"{council}'s children's services have been rated {word} by Ofsted following "
                 f"{'an' if inspection[0] in 'aeiou' else 'a'} {inspection} {when}.",
                 rng.choice((f"The watchdog's report, published this week, judged services {word} overall.",
                             f"Inspectors judged the overall effectiveness of services to be {word}."))]
        if rng.random() < 0.5:
            grades = [rng.choice((judgement, judgement, rng.choice(JUDGEMENTS))) for _ in AREAS]
            if rng.random() < 0.5:
                lines.append("The report graded each area:\n\n" + "\n".join(
                    f"{area[0].upper() + area[1:]}: {JUDGEMENT_WORDS[g][0].capitalize()}"
                    for area, g in zip(AREAS, grades)))
            else:
                lines += [f"Services for {short} were judged {JUDGEMENT_WORDS[g][0]}."
                          for short, g in zip(AREA_SHORT, grades) if rng.random() < 0.7]
        return headline, lines
    if kind == "monitoring_visit":
        ordinal = rng.choice(ORDINALS)
        focus = rng.choice(FOCUSES)
        headline = rng.choice((f"Ofsted sees progress at {name} children's services",
                               f"'More to do' in {name} despite progress, says Ofsted"))
        return headline, [
            f"Inspectors carried out their {ordinal} monitoring visit to {council} {when}, looking at {focus}.",
            f"The council's children's services were judged inadequate in {visit.year - rng.randint(1, 3)}, "
            f"and have been monitored by the regulator since."]
    if kind == "focused_visit":
        focus = rng.choice(FOCUSES)
        headline = f"Focused visit finds mixed picture for {focus} in {name}"
        return headline, [f"Ofsted carried out a focused visit to {council} {when}, looking at its services for "
                          f"{focus}.", "Focused visits do not result in a graded judgement."]
    theme = rng.choice(JTAI_THEMES)
    headline = f"Joint inspection examines response to {theme} in {name}"
    return headline, [
        f"A joint targeted area inspection of {theme} took place in {name} {when}.",
        "Inspectors from Ofsted, the Care Quality Commission, HM Inspectorate of Constabulary and Fire & Rescue "
        "Services and HM Inspectorate of Probation looked at how agencies work together."]


def _negative(rng: random.Random, council: str, name: str) -> tuple[str, list[str]]:
    topic = rng.choice(NEGATIVE_TOPICS)
    grade = rng.choice(("outstanding", "good", "requires improvement", "inadequate"))
    if topic == "school":
        school = f"St {rng.choice(LAST)}'s Primary School"
        return f"{school} in {name} rated {grade}", [
            f"{school} in {name} has been rated {grade} by Ofsted after its first inspection in four years.",
            "Inspectors praised pupils' behaviour and the breadth of the curriculum, but said reading was not "
            "taught consistently well in the early years.",
            f"The school, which has {rng.randint(120, 480)} pupils, was previously rated good.",
            f"{council} said it would continue to support the school's leadership team."]
    if topic == "nursery":
        nursery = f"Little {rng.choice(LAST)}s Nursery"
        return f"{name} nursery told to improve", [
            f"{nursery} in {name} has been judged {grade} by the education watchdog.",
            "The report said staff did not always plan activities that matched children's interests.",
            f"The nursery, which cares for up to {rng.randint(20, 90)} children, said it had already made changes.",
            "Parents said they had been told about the report at a meeting last week."]
    if topic == "childrens_home":
        return f"Private children's home in {name} judged {grade}", [
            f"A privately run children's home in {name} has been judged {grade} by Ofsted.",
            "Inspectors said staff did not always record incidents accurately and that some checks were late.",
            f"The home, run by a national provider, looks after up to {rng.randint(2, 6)} children.",
            f"{council}, which places some children at the home, said it was reviewing the report."]
    return f"{name} budget: bins, roads and social care pressures", [
        f"{council} has set out plans to save millions of pounds next year.",
        "The budget includes changes to bin collections and an increase in council tax.",
        "The council's auditors said its financial controls required improvement.",
        f"Spending on children's placements is forecast to be £{rng.randint(2, 19)} million over budget.",
        "Opposition councillors said residents were being asked to pay more for less."]


def _findings(rng: random.Random, count: int) -> list[str]:
    out = []
    for _ in range(count):
        polarity = rng.choice(("positive", "negative"))
        text = rng.choice(FINDINGS[polarity])
        out.append(rng.choice(FINDING_LEADS).format(f=text))
    return out


def _context(rng: random.Random, name: str, year: int, count: int) -> list[str]:
    return [line.format(name=name, n=rng.randint(150, 1400), m=rng.randint(2, 30), p=rng.randint(12, 45),
                        y=year - rng.randint(1, 4), k=rng.randint(900, 6000))
            for line in rng.sample(CONTEXT_LINES, count)]


def _voices(rng: random.Random, council: str, marks: tuple[str, str]) -> list[str]:
    """Reactions from councillors and officers: each a quote of one to three paragraphs."""
    paragraphs: list[str] = []
    roles = rng.sample(COUNCILLOR_ROLES + OFFICER_ROLES, rng.randint(1, 3))
    lines = rng.sample(COUNCIL_LINES, len(roles) * 4)
    for number, role in enumerate(roles):
        person, _, pronoun = _person(rng)
        title = f"Cllr {person}" if role in COUNCILLOR_ROLES else person
        mine = lines[number * 4:(number + 1) * 4]
        said = rng.randint(1, 3)
        quote = mine[:said] if said != 2 or rng.random() < 0.4 else [" ".join(mine[:2])]
        if rng.random() < 0.5:
            paragraphs.append(f"{title}, {role} at {council}, said the council welcomed the report.")
            paragraphs += _quoted(rng, quote, marks, title, pronoun, first_mention=False)
        else:
            paragraphs += _quoted(rng, quote, marks, f"{title}, {role},", pronoun, first_mention=True)
        if rng.random() < 0.35:
            paragraphs += _quoted(rng, mine[3:], marks, title, pronoun, first_mention=False)
    return paragraphs


def _render(style: str, headline: str, head: list[str], paragraphs: list[str]) -> str:
    if style == "markdown":
        return "\n\n".join([f"# {headline}", f"*{' | '.join(head) or 'Staff reporter'}*", "---", *paragraphs]) + "\n"
    if style == "html":
        body = "\n".join(f"<p>{html.escape(p, quote=False)}</p>" for p in paragraphs)
        return (f"<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>{html.escape(headline)}"
                f"</title>\n</head>\n<body>\n<nav><a href=\"/\">Home</a> <a href=\"/news\">News</a></nav>\n<main>\n"
                f"<h1>{html.escape(headline)}</h1>\n<p class=\"meta\">{html.escape(' | '.join(head))}</p>\n{body}\n"
                f"</main>\n<footer>Copyright {headline[:1]} Media</footer>\n</body>\n</html>\n")
    return "\n\n".join([headline, *head, *paragraphs]) + "\n"


def compose(seed: int, index: int) -> tuple[str, str, Story, dict[str, str]]:
    """Article number `index`: its file name, text, what it reports and its metadata row."""
    rng = random.Random(f"{seed}:{index}")
    current = [a for a in authorities() if a.status == "current"]
    authority = rng.choice(current)
    council, name = _council(authority), authority.name
    kind = rng.choices(KINDS, KIND_WEIGHTS)[0]
    style = rng.choices(STYLES, STYLE_WEIGHTS)[0]
    quote_style = rng.choices(tuple(QUOTE_MARKS), QUOTE_WEIGHTS)[0]
    marks = QUOTE_MARKS[quote_style]
    visit = dt.date(2014, 1, 1) + dt.timedelta(days=rng.randrange(11 * 365))
    visit = visit.replace(day=min(visit.day, 18))
    published = visit + dt.timedelta(days=rng.randint(20, 60))
    judgement = rng.choice(JUDGEMENTS) if kind == "inspection" else None
    if kind == "negative":
        headline, paragraphs = _negative(rng, council, name)
    else:
        headline, paragraphs = _event_paragraphs(rng, kind, council, name, visit, judgement)
        paragraphs += _findings(rng, rng.randint(3, 7))
        inspector, surname, pronoun = _person(rng)
        letter = rng.sample(OFSTED_LINES, rng.randint(1, 3))
        if rng.random() < 0.5:
            paragraphs.append(f"In a letter to the council, Ofsted inspector {inspector} said leaders had made "
                              f"{rng.choice(('steady', 'limited', 'clear', 'uneven'))} progress.")
            paragraphs += _quoted(rng, letter, marks, f"Ms {surname}" if pronoun == "She" else f"Mr {surname}",
                                  pronoun, first_mention=True)
        else:
            paragraphs.append(rng.choice(("The letter states:", "The report said:", "Inspectors wrote:")))
            paragraphs += [f"{marks[0]}{p}" for p in letter[:-1]] + [f"{marks[0]}{letter[-1]}{marks[1]}"]
        if rng.random() < 0.6:
            past = rng.choice(JUDGEMENTS)
            paragraphs.append(f"The council's services were rated {JUDGEMENT_WORDS[past][0]} at their previous "
                              f"inspection in {visit.year - rng.randint(2, 5)}.")
        paragraphs += _findings(rng, rng.randint(0, 5))
    paragraphs += _context(rng, name, visit.year, rng.randint(1, 4))
    paragraphs += _voices(rng, council, marks)
    paragraphs.append(BOILERPLATE[style])
    byline = _person(rng)[0]
    head = _date_line(style, published, byline) if rng.random() < 0.85 else []
    if style in ("markdown", "html"):
        head = [f"By {byline}", f"Published {published.day} {published:%B %Y}"]
    suffix = {"markdown": ".md", "html": ".html"}.get(style, ".txt")
    slug = "".join(ch if ch.isalnum() else "_" for ch in name.lower()).strip("_")
    source_file = f"{index:06d}_{slug}_{kind}{suffix}"
    publisher = rng.choice(PUBLISHERS[style]).format(place=name, council=council)
    meta = {"file": source_file, "url": f"https://news.example/{index:06d}", "publisher": publisher,
            "published_date": published.isoformat()} if rng.random() < 0.2 else {}
    story = Story(source_file, kind, authority.code, judgement, style, quote_style, visit)
    return source_file, _render(style, headline, head, paragraphs), story, meta


def write_corpus(raw_dir: Path, n: int, seed: int = DEFAULT_SEED, duplicate_rate: float = 0.01) -> list[Story]:
    """Write `n` articles (about 1% of them exact copies of an earlier one) and `manifest.csv`."""
    raw_dir.mkdir(parents=True, exist_ok=True)
    stories: list[Story] = []
    rows: list[dict[str, str]] = []
    originals: dict[str, tuple[str, Story]] = {}
    picker = random.Random(f"{seed}:duplicates")
    for index in range(n):
        if originals and picker.random() < duplicate_rate:
            original = picker.choice(sorted(originals))
            text, story = originals[original]
            name = f"{index:06d}_copy_of_{Path(original).stem}{Path(original).suffix}"
            (raw_dir / name).write_text(text, encoding="utf-8")
            stories.append(dataclasses.replace(story, source_file=name, duplicate_of=original))
            continue
        name, text, story, meta = compose(seed, index)
        (raw_dir / name).write_text(text, encoding="utf-8")
        if len(originals) < 200:
            originals[name] = (text, story)
        stories.append(story)
        if meta:
            rows.append(meta)
    with (raw_dir / MANIFEST).open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=["file", "url", "publisher", "published_date"])
        writer.writeheader()
        writer.writerows(rows)
    return stories


def change_articles(raw_dir: Path, fraction: float, seed: int = DEFAULT_SEED) -> list[str]:
    """Edit a fraction of the articles as a newsroom would (a correction appended), so their
    size, modification time and hash change. Returns the edited file names."""
    files = sorted(p for p in raw_dir.iterdir() if p.is_file() and p.name != MANIFEST)
    rng = random.Random(f"{seed}:changes")
    chosen = sorted(rng.sample(files, max(1, round(len(files) * fraction))))
    for path in chosen:
        text = path.read_text(encoding="utf-8")
        note = (f"Correction: an earlier version of this article gave the wrong date for the council's "
                f"response. Amended on {rng.randint(1, 28)} {rng.choice(('March', 'June', 'October'))}.")
        if path.suffix == ".html":
            text = text.replace("</main>", f"<p>{note}</p>\n</main>")
        else:
            text = text.rstrip("\n") + f"\n\n{note}\n"
        path.write_text(text, encoding="utf-8")
    return [p.name for p in chosen]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.corpus", description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, required=True, help="how many articles")
    parser.add_argument("--out", type=Path, required=True, help="folder to write them to")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="(default: %(default)s)")
    args = parser.parse_args(argv)
    stories = write_corpus(args.out, args.n, args.seed)
    print(f"wrote {len(stories)} articles to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
