"""Deadlines and milestones in a measure's text (issue 13): 到2024年底, 2025年前, 年内, and the years of a
staged plan's steps. The words are in ``timeline.yml``; this module holds the grammar.

A date is taken only where the text marks it as a deadline (a word before or after it), opens a step of a
staged list, or names a five-year plan's end or span: a bare date ("2023年11月7日印发") is an event. Dates
inside 《》 are part of a title, not deadlines. ``due`` is the last day of the period named.
"""

import calendar
import re
from dataclasses import dataclass, replace
from datetime import date
from functools import cache
from typing import Any

from dbay.build.vocabulary import vocabulary
from dbay.schema.enrichment import Milestone, MilestoneKind, Precision, Resolution
from dbay.schema.records import Document, Measure
from dbay.search import fold

CHINESE_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
TITLE = re.compile(r"《[^《》]*》")


@dataclass(frozen=True)
class FoundMilestone:
    start: int
    end: int
    raw: str
    due: date | None
    precision: Precision
    kind: MilestoneKind
    resolution: Resolution


def words() -> dict[str, Any]:
    return vocabulary("timeline.yml")


def _alternatives(items: list[str]) -> str:
    """A regex alternation trying longer words first."""
    return "|".join(re.escape(item) for item in sorted(items, key=len, reverse=True))


def number_value(written: str) -> int:
    """An Arabic (half- or full-width) or Chinese number up to 99: 2025, ２０２５, 二〇二五 (digit by digit), 十二."""
    arabic = written.translate(FULL_WIDTH_DIGITS)
    if arabic.isdigit():
        return int(arabic)
    if "十" in written:
        tens, _, units = written.partition("十")
        return (CHINESE_DIGITS[tens] if tens else 1) * 10 + (CHINESE_DIGITS[units] if units else 0)
    value = 0
    for character in written:
        value = value * 10 + CHINESE_DIGITS[character]
    return value


NUMBER = "[0-9０-９]+|[〇零一二两三四五六七八九十]+"


@cache
def date_pattern() -> re.Pattern[str]:
    """A year, optionally with a part of it, a month (and its end) or a day: 2024年底, 2024年6月底, 2024年6月15日."""
    vocab = words()
    parts = _alternatives(list(vocab["year_parts"]))
    month_ends = _alternatives(vocab["month_ends"])
    return re.compile(
        rf"(?P<year>[0-9０-９]{{4}}|[〇零一二三四五六七八九]{{4}})\s*年"
        rf"(?:(?P<part>{parts})|(?P<month>{NUMBER})\s*月(?:(?P<day>{NUMBER})\s*[日号]|(?P<month_end>{month_ends}))?)?"
    )


def period_end(match: re.Match[str]) -> tuple[date, Precision]:
    """The last day of the period a date match names, and how wide the period is (ValueError for no such
    day: 2024年13月, 2月30日)."""
    year = number_value(match["year"])
    if match["part"]:
        part = words()["year_parts"][match["part"]]
        return date(year, part["month"], part["day"]), part["precision"]
    if match["month"]:
        month = number_value(match["month"])
        if match["day"]:
            return date(year, month, number_value(match["day"])), "day"
        return date(year, month, calendar.monthrange(year, month)[1]), "month"
    return date(year, 12, 31), "year"


def title_spans(text: str) -> list[tuple[int, int]]:
    return [(title.start(), title.end()) for title in TITLE.finditer(text)]


def _inside(position: int, spans: list[tuple[int, int]]) -> bool:
    return any(start <= position < end for start, end in spans)


@cache
def _markers() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """The words that may end just before a date (as of …; by …), and those that may start just after it."""
    vocab = words()
    return (
        re.compile(rf"(?:{_alternatives(vocab['status_before'])})\s*$"),
        re.compile(rf"(?:{_alternatives(vocab['deadline_before'])})\s*$"),
        re.compile(rf"\s*(?:{_alternatives(vocab['deadline_after'])})"),
    )


def is_step(text: str, match: re.Match[str]) -> bool:
    """A year opening a sentence and followed by a comma or colon: one step of a staged list."""
    vocab = words()
    before = text[: match.start()].rstrip(" \t")
    opens = not before or before[-1] in vocab["step_before"]
    return opens and not match["month"] and text[match.end() : match.end() + 1] in vocab["step_after"]


def dated_milestones(text: str) -> list[FoundMilestone]:
    """Deadlines and steps named by a date: 到2024年底, 2025年前, and the years of a step list."""
    status_marker, before_marker, after_marker = _markers()
    titles = title_spans(text)
    deadlines: list[FoundMilestone] = []
    steps: list[FoundMilestone] = []
    for match in date_pattern().finditer(text):
        if _inside(match.start(), titles) or status_marker.search(text, 0, match.start()):
            continue
        try:
            due, precision = period_end(match)
        except ValueError:  # a misprint or a number that is no date: not worth failing the build for
            continue
        before = before_marker.search(text, 0, match.start())
        after = after_marker.match(text, match.end())
        if before or after:
            start = before.start() if before else match.start()
            end = after.end() if after else match.end()
            deadlines.append(FoundMilestone(start, end, text[start:end], due, precision, "deadline", "stated"))
        elif is_step(text, match):
            steps.append(FoundMilestone(match.start(), match.end(), match.group(), due, precision, "step", "stated"))
    return deadlines + (steps if len(steps) >= words()["step_minimum"] else [])


@cache
def relative_pattern() -> re.Pattern[str]:
    """Periods named relative to the document: 年内, 今年底, 三年内."""
    vocab = words()
    within = re.escape(vocab["relative_years_within"])
    count = "(?<![0-9０-９])[0-9０-９]{1,2}|[一二两三四五六七八九十]{1,3}"  # a count of years, not a year
    return re.compile(rf"(?P<count>{count}){within}|(?<![0-9０-９])(?P<word>{_alternatives(list(vocab['relative']))})")


def relative_milestones(text: str, issued: date | None) -> list[FoundMilestone]:
    """Deadlines relative to the document's issue date; their due is null where that date is unknown."""
    found = []
    for match in relative_pattern().finditer(text):
        precision: Precision
        if match["count"]:
            years_after, month, day, precision = number_value(match["count"]) - 1, 12, 31, "year"
        else:
            rule = words()["relative"][match["word"]]
            years_after, month, day, precision = rule["years_after"], rule["month"], rule["day"], rule["precision"]
        due = date(issued.year + years_after, month, day) if issued else None
        resolution: Resolution = "issued" if issued else "unresolved"
        found.append(FoundMilestone(match.start(), match.end(), match.group(), due, precision, "deadline", resolution))
    return found


@cache
def five_year_plan_pattern() -> re.Pattern[str]:
    """A five-year plan's end or span: “十四五”末, 十四五期间, “十五五”时期."""
    vocab = words()
    names = _alternatives(list(vocab["five_year_plans"]))
    ends = _alternatives(vocab["five_year_plan_end"])
    spans = _alternatives(vocab["five_year_plan_span"])
    return re.compile(rf"[“\"「]?(?P<plan>{names})[”\"」]?(?:规划)?(?:(?P<end>{ends})|(?P<span>{spans}))")


def five_year_plan_milestones(text: str) -> list[FoundMilestone]:
    found = []
    for match in five_year_plan_pattern().finditer(text):
        last = words()["five_year_plans"][match["plan"]]["last"]
        kind: MilestoneKind = "deadline" if match["end"] else "period"
        found.append(FoundMilestone(match.start(), match.end(), match.group(), date(last, 12, 31), "year", kind, "stated"))
    return found


def milestones(text: str, issued: date | None) -> list[FoundMilestone]:
    """Every deadline and milestone of a measure's text, in text order; a mention overlapping an earlier-found
    one (年内 in 2024年内) is the same mention and is dropped. The grammar reads the folded text (Simplified,
    same length, so offsets hold): a Traditional text is read alike, and raw is the text as written."""
    folded = fold(text)
    titles = title_spans(folded)
    found: list[FoundMilestone] = []
    for candidate in [*dated_milestones(folded), *five_year_plan_milestones(folded), *relative_milestones(folded, issued)]:
        overlaps = any(candidate.start < other.end and other.start < candidate.end for other in found)
        if not overlaps and not _inside(candidate.start, titles):
            found.append(replace(candidate, raw=text[candidate.start : candidate.end]))
    return sorted(found, key=lambda milestone: milestone.start)


def milestone_records(measures: list[Measure], documents: list[Document]) -> list[Milestone]:
    """The milestones table: every measure's deadlines and steps, relative ones counted from its document's issue date."""
    issued = {document.id: document.issued for document in documents}
    return [
        Milestone(
            measure_id=measure.id,
            start=found.start,
            end=found.end,
            raw=found.raw,
            due=found.due,
            precision=found.precision,
            kind=found.kind,
            resolution=found.resolution,
            method="pattern",
        )
        for measure in measures
        for found in milestones(measure.text, issued[measure.document_id])
    ]
