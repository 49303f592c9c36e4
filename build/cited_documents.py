"""Documents a measure's text cites by title (issue 13): 《广东省数据条例》, with the document number printed
right after it (（粤府〔2021〕44号）), matched to the dataset's own documents where it holds them. The
words are in ``citations.yml``. (Not the API's citation *of* a measure: these are what a measure cites.)
"""

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from dbay.build.vocabulary import vocabulary
from dbay.schema.enrichment import CitedDocument
from dbay.schema.records import Document, Measure
from dbay.search import fold

QUOTES_AND_SPACES = re.compile(r"[\s“”\"'‘’「」『』]")
NUMBER_BRACKETS = str.maketrans("［[【(（］]】)）", "〔〔〔〔〔〕〕〕〕〕")


@dataclass(frozen=True)
class FoundCitation:
    start: int
    end: int
    raw: str
    title: str
    doc_number: str | None


def words() -> dict[str, Any]:
    return vocabulary("citations.yml")


@cache
def citation_pattern() -> re.Pattern[str]:
    """A title in 《》, then, directly after it, a document number in brackets or bare."""
    number = words()["doc_number"]
    return re.compile(rf"《(?P<title>[^《》]+)》(?:\s*[（(]\s*(?P<bracketed>{number})\s*[）)]|\s*(?P<bare>{number}))?")


def is_periodical(title: str, after: str) -> bool:
    """A newspaper or periodical: by the end of its name, or by what the text says next (《求是》杂志)."""
    return title.endswith(tuple(words()["periodical_endings"])) or after.lstrip().startswith(tuple(words()["periodical_after"]))


def is_short_name(text: str, start: int) -> bool:
    """A title the text introduces as a short name: (以下简称《意见》)."""
    return text[:start].rstrip().endswith(tuple(words()["short_name_before"]))


def cited_documents(text: str) -> list[FoundCitation]:
    """Every document the text cites by title, in text order: not periodicals, not short names. The grammar
    reads the folded text (same length, so offsets hold), so a Traditional text is read alike."""
    folded = fold(text)
    found = []
    for match in citation_pattern().finditer(folded):
        title = text[match.start("title") : match.end("title")].strip()
        if not title or is_periodical(fold(title), folded[match.end() :]) or is_short_name(folded, match.start()):
            continue
        group = "bracketed" if match["bracketed"] else "bare" if match["bare"] else None
        number = re.sub(r"\s", "", text[match.start(group) : match.end(group)]) if group else None
        found.append(FoundCitation(match.start(), match.end(), text[match.start() : match.end()], title, number))
    return found


def title_key(title: str) -> str:
    """A title as compared: folded (Simplified, lowercase), without quotation marks and spaces."""
    return QUOTES_AND_SPACES.sub("", fold(title))


def number_key(doc_number: str) -> str:
    """A document number as compared: folded, without spaces, with one kind of bracket (粤办函[2023]297号)."""
    return re.sub(r"\s", "", fold(doc_number)).translate(NUMBER_BRACKETS)


def document_index(documents: list[Document]) -> dict[str, str]:
    """Each document's title (either script) and document number, as compared, to its id."""
    index: dict[str, str] = {}
    for document in documents:
        index[title_key(document.title)] = document.id
        index[title_key(document.title_hant)] = document.id
        if document.doc_number:
            index[number_key(document.doc_number)] = document.id
    return index


def cited_document_id(citation: FoundCitation, index: dict[str, str]) -> str | None:
    """The dataset's own document the citation names, by title or document number, or None."""
    by_title = index.get(title_key(citation.title))
    if by_title or not citation.doc_number:
        return by_title
    return index.get(number_key(citation.doc_number))


def citation_records(measures: list[Measure], documents: list[Document]) -> list[CitedDocument]:
    """The citations table: every document each measure cites, linked to the dataset's own where it holds it."""
    index = document_index(documents)
    return [
        CitedDocument(
            measure_id=measure.id,
            start=found.start,
            end=found.end,
            raw=found.raw,
            title=found.title,
            doc_number=found.doc_number,
            document_id=cited_document_id(found, index),
            method="pattern",
        )
        for measure in measures
        for found in cited_documents(measure.text)
    ]
