"""How a rendition words a provision differently from the text the measure was taken from.

Chinese has no spaces between words, so the comparison is by character (difflib's SequenceMatcher,
without its heuristic that treats a long text's frequent characters as noise). Characters are
compared in the form search compares (``dbay.search.fold``: Simplified, lowercase), so a variant
form of one character is no difference; what differs is a word, a character or punctuation.
"""

from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Any, Literal

from dbay.build.scripts import Script, convert
from dbay.search import fold

Change = Literal["equal", "delete", "insert"]


@dataclass(frozen=True)
class Piece:
    """A run of characters: in both texts (equal), only in the first (delete), or only in the second (insert)."""

    change: Change
    text: str


def character_differences(first: str, second: str) -> list[Piece]:
    """The edits that turn ``first`` into ``second``, character by character, in reading order.

    Equal runs are given as ``second`` writes them; a replacement is a deletion then an insertion.
    """
    matcher = SequenceMatcher(None, fold(first), fold(second), autojunk=False)
    pieces: list[Piece] = []
    for tag, first_start, first_end, second_start, second_end in matcher.get_opcodes():
        if tag == "equal":
            pieces.append(Piece("equal", second[second_start:second_end]))
            continue
        if first_end > first_start:
            pieces.append(Piece("delete", first[first_start:first_end]))
        if second_end > second_start:
            pieces.append(Piece("insert", second[second_start:second_end]))
    return pieces


def rendition_differences(
    measure_text: str, measure_script: Script, rendition_text: str, rendition_script: Script
) -> list[Piece]:
    """How a rendition's span differs from the span the measure's text comes from, in the rendition's script."""
    if measure_script != rendition_script:
        measure_text = convert(measure_text, rendition_script)
    return character_differences(measure_text, rendition_text)


def identical(pieces: list[Piece]) -> bool:
    return all(piece.change == "equal" for piece in pieces)


def against_measure_text(sources: list[dict[str, Any]], text_rendition_id: str) -> dict[str, list[Piece]]:
    """For each other rendition carrying a measure (its ``measure_sources`` rows, with ``script``),
    how its span differs from the span of the rendition the measure's text comes from."""
    spans = [source for source in sources if source["rendition_id"] == text_rendition_id]
    if not spans:
        return {}
    measure_span = spans[0]
    return {
        source["rendition_id"]: rendition_differences(
            measure_span["raw_text"], measure_span["script"], source["raw_text"], source["script"]
        )
        for source in sources
        if source["rendition_id"] != text_rendition_id
    }
