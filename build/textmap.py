"""Text that remembers where each of its characters came from in the raw file.

Cleaning rewrites text (drops Markdown, joins page breaks, fixes punctuation); every provision
must still point at its characters in the original file. A ``MappedText`` carries, for each
character, the offset of the raw character it came from, so any stretch of clean text maps
back to a span of raw text.
"""

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class MappedText:
    text: str
    offsets: tuple[int, ...]  # offsets[i] is the raw offset of text[i]

    def __post_init__(self) -> None:
        if len(self.text) != len(self.offsets):
            raise ValueError("every character needs a raw offset")

    @classmethod
    def from_raw(cls, raw: str, start: int = 0, end: int | None = None) -> "MappedText":
        end = len(raw) if end is None else end
        return cls(raw[start:end], tuple(range(start, end)))

    def __len__(self) -> int:
        return len(self.text)

    def __str__(self) -> str:
        return self.text

    def __getitem__(self, index: slice) -> "MappedText":
        return MappedText(self.text[index], self.offsets[index])

    def raw_span(self) -> tuple[int, int]:
        """The smallest raw span that holds every character of this text."""
        if not self.text:
            raise ValueError("empty text has no span")
        return min(self.offsets), max(self.offsets) + 1

    def strip(self, chars: str | None = None) -> "MappedText":
        left = len(self.text) - len(self.text.lstrip(chars))
        right = len(self.text.rstrip(chars))
        return self[left:right] if right > left else self[0:0]

    def sub(self, pattern: re.Pattern[str], replace: Callable[[re.Match[str]], str] | str) -> "MappedText":
        """Like ``re.sub``. A replacement as long as what it replaces (（…） for (…), “ for ") keeps each
        character's own offset, so spans still end where the text does; another maps to the start
        of the text it replaces."""
        pieces: list[MappedText] = []
        last = 0
        for match in pattern.finditer(self.text):
            pieces.append(self[last : match.start()])
            new = replace(match) if callable(replace) else match.expand(replace)
            if len(new) == match.end() - match.start():
                pieces.append(MappedText(new, self.offsets[match.start() : match.end()]))
            else:
                anchor = self.offsets[match.start()] if match.start() < len(self) else self.offsets[-1]
                pieces.append(MappedText(new, (anchor,) * len(new)))
            last = match.end()
        pieces.append(self[last:])
        return join(pieces)

    def replace_chars(self, table: dict[int, str]) -> "MappedText":
        """One-for-one character replacement (``str.translate`` with single characters)."""
        return MappedText(self.text.translate(table), self.offsets)


def join(pieces: Iterable[MappedText], separator: str = "") -> MappedText:
    """Concatenate; each separator character maps to the first raw character after it."""
    texts: list[str] = []
    offsets: list[int] = []
    if separator:
        pieces = [piece for piece in pieces if piece.text]
    for i, piece in enumerate(pieces):
        if i and separator:
            texts.append(separator)
            offsets.extend([piece.offsets[0]] * len(separator))
        texts.append(piece.text)
        offsets.extend(piece.offsets)
    return MappedText("".join(texts), tuple(offsets))
