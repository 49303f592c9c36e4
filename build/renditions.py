"""How a document's renditions rank, where a news report's own lead ends, and where a provision lies.

A document may come as an official text, reposts, an encyclopedia page and news reports. They
are ranked once, by the authority of their kind (``renditions.yml``), then by how complete their
text is, then by their id, so that nothing depends on the order ``document.yml`` lists them in.
Each provision's text comes from the first rendition in that order that carries it
(``dbay.build.union``).
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from dbay.build.agency_clauses import split_agency_clause
from dbay.build.align import Carried
from dbay.build.clean import Paragraph
from dbay.build.compare import comparable
from dbay.build.load import LoadedRendition
from dbay.build.scripts import to_hans
from dbay.build.segment import Excluded, Outline
from dbay.build.textmap import MappedText
from dbay.build.vocabulary import vocabulary

VOCABULARY = "renditions.yml"


@dataclass(frozen=True)
class _Kinds:
    tiers: tuple[tuple[str, frozenset[str]], ...]  # (tier name, kinds), most authoritative first
    news: frozenset[str]
    reporter: tuple[re.Pattern[str], ...]
    text_follows: tuple[re.Pattern[str], ...]
    describes_document: tuple[re.Pattern[str], ...]


@cache
def _kinds() -> _Kinds:
    raw = vocabulary(VOCABULARY)
    return _Kinds(
        tiers=tuple((entry["tier"], frozenset(entry["kinds"])) for entry in raw["authority"]),
        news=frozenset(raw["news_kinds"]),
        reporter=tuple(re.compile(pattern) for pattern in raw["news_lead"]["reporter"]),
        text_follows=tuple(re.compile(pattern) for pattern in raw["news_lead"]["text_follows"]),
        describes_document=tuple(re.compile(pattern) for pattern in raw["describes_document"]),
    )


def authority(kind: str) -> int:
    """0 for the most authoritative tier, 1 for the next …; a kind in no tier ranks below them all."""
    tiers = _kinds().tiers
    return next((rank for rank, (_, kinds) in enumerate(tiers) if kind in kinds), len(tiers))


def is_known_kind(kind: str) -> bool:
    return authority(kind) < len(_kinds().tiers)


def is_official(kind: str) -> bool:
    """Of the most authoritative tier: its text in either script is the document's own wording."""
    return authority(kind) == 0


def is_news(kind: str) -> bool:
    return kind in _kinds().news


def completeness(outline: Outline) -> int:
    """How much provision text a rendition carries: letters and digits of its provisions.

    Measured in text rather than in provisions, so that a fragment whose numbered furniture
    (links, breadcrumbs) adds many short leaves does not count as more complete.
    """
    return sum(len(comparable(leaf.full_text().text)) for leaf in outline.leaves())


def rank(renditions: Sequence[LoadedRendition], outlines: dict[str, Outline]) -> list[LoadedRendition]:
    """Most authoritative first; among equals the most complete, then by id (never listing order)."""
    return sorted(renditions, key=lambda r: (authority(r.config.kind), -completeness(outlines[r.id]), r.id))


def unknown_kind_problems(renditions: Sequence[LoadedRendition]) -> list[str]:
    tiers = ", ".join(name for name, _ in _kinds().tiers)
    return [
        f"{r.file}: kind {r.config.kind!r} is in no authority tier of build/{VOCABULARY} ({tiers}); ranked below them all"
        for r in renditions
        if not is_known_kind(r.config.kind)
    ]


def _is_reporters(paragraph: Paragraph) -> bool:
    text = to_hans(paragraph.text.text)
    return any(pattern.search(text) for pattern in _kinds().reporter)


def _says_text_follows(paragraph: Paragraph) -> bool:
    text = to_hans(paragraph.text.text)
    return any(pattern.search(text) for pattern in _kinds().text_follows)


NEWS_LEAD = "news report's lead, before the document's first heading"
DESCRIPTION = "words about the document (an encyclopedia's or a site's), not its text"


def _describes_document(paragraph: Paragraph) -> bool:
    text = to_hans(paragraph.text.text)
    return any(pattern.search(text) for pattern in _kinds().describes_document)


def document_preamble(
    ranked: list[LoadedRendition], outlines: dict[str, Outline]
) -> tuple[list[Paragraph], LoadedRendition | None, list[Excluded]]:
    """The document's preamble and the rendition it comes from: the most authoritative that has
    one; and what the first rendition's opening holds that is no part of the document (a news
    report's lead, words about the document), with the reason."""
    lead: list[Excluded] = []
    for index, rendition in enumerate(ranked):
        outline = outlines[rendition.id]
        opening, own = news_opening(outline) if is_news(rendition.config.kind) else ([], outline.preamble)
        about = [p for p in own if _describes_document(p)]
        own = [p for p in own if not _describes_document(p)]
        if index == 0:
            lead = [Excluded(p, NEWS_LEAD) for p in opening] + [Excluded(p, DESCRIPTION) for p in about]
        if own:
            return own, rendition, lead
    return [], None, lead


def official_other_script(
    text_renditions: list[LoadedRendition], ranked: list[LoadedRendition], carried: dict[str, list[Carried]]
) -> dict[int, str]:
    """Texts in the other script, by leaf index, where an official rendition in that script carries
    a provision whose text is official too: that script's own wording, better than a conversion."""
    texts: dict[int, str] = {}
    for rendition in ranked:
        if not is_official(rendition.config.kind):
            continue
        for piece in carried.get(rendition.id, []):
            own = text_renditions[piece.leaf].config
            if piece.numbered and is_official(own.kind) and own.script != rendition.config.script:
                texts.setdefault(piece.leaf, piece.text.text)
    return texts


def news_opening(outline: Outline) -> tuple[list[Paragraph], list[Paragraph]]:
    """A news report's opening before its first heading: (the reporter's lead, the document's preamble).

    Where the report prints the document's title line, what follows it is the document, except
    paragraphs that are plainly the reporter's (a dateline, a byline, "近日…印发了《…》"): the
    title line was then the report's headline. Without a title line the opening is the reporter's
    unless it says the text follows (全文如下：).
    """
    opening = outline.preamble
    follows = [i for i, p in enumerate(opening) if _says_text_follows(p)]
    if follows:
        return opening[: follows[-1] + 1], opening[follows[-1] + 1 :]
    if outline.title is None:
        return list(opening), []
    reporters = [i for i, p in enumerate(opening) if _is_reporters(p)]
    lead_end = reporters[-1] + 1 if reporters else 0
    return opening[:lead_end], opening[lead_end:]


Span = tuple[int, int]


def provision_spans(text: MappedText) -> tuple[Span, Span | None]:
    """The raw span of a provision's own text and that of its trailing agency clause, if any.

    The first runs from the text's first character to its last, without the clause, the
    parenthesis that opens it or whitespace; the second from the clause's opening parenthesis
    to its closing one.
    """
    body, clause, at = split_agency_clause(text.text)
    own = text[: len(body)].strip()
    if clause is None or not own.text:  # a clause alone is no provision; validation names it
        return text.strip().raw_span(), None
    return own.raw_span(), text[at : len(text.text.rstrip().removesuffix("。"))].raw_span()
