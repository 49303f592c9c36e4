"""Plain-text layout for terminal reports: Chinese characters take two columns."""

import re
import unicodedata

_LINE_BREAK = re.compile(r"\s*\n\s*|\t")


def display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def trim(text: str, width: int) -> str:
    """``text`` on one line, cut to ``width`` columns with an ellipsis where it was longer."""
    text = _LINE_BREAK.sub(" ", text.rstrip())
    if display_width(text) <= width:
        return text
    kept, used = [], 0
    for char in text:
        used += display_width(char)
        if used > width - 1:
            break
        kept.append(char)
    return "".join(kept) + "…"


def fill(items: list[str], width: int, indent: str = "", separator: str = "; ") -> list[str]:
    """``items`` joined by ``separator`` in lines of at most ``width`` columns, each indented."""
    lines: list[str] = []
    current = ""
    for item in items:
        candidate = f"{current}{separator}{item}" if current else item
        if current and display_width(indent + candidate) > width:
            lines.append(indent + current + separator.rstrip())
            candidate = item
        current = candidate
    if current:
        lines.append(indent + current)
    return [trim(line, width) if display_width(line) > width else line for line in lines]


def wrap(text: str, width: int, indent: str = "", hanging: str = "    ") -> list[str]:
    """``text`` broken into lines of at most ``width`` columns: first ``indent``, then ``hanging``.

    Chinese text has no spaces to break at, so a line breaks at a space where one is near the
    end, else at any character.
    """
    lines: list[str] = []
    prefix, rest = indent, " ".join(text.split())
    while rest:
        room = width - display_width(prefix)
        if display_width(rest) <= room:
            lines.append(prefix + rest)
            break
        cut, used = 0, 0
        while cut < len(rest) and used + display_width(rest[cut]) <= room:
            used += display_width(rest[cut])
            cut += 1
        space = rest.rfind(" ", 0, cut + 1)
        if space > cut * 2 // 3:
            cut = space
        cut = max(cut, 1)  # a width narrower than one character still moves on
        lines.append(prefix + rest[:cut].rstrip())
        prefix, rest = hanging, rest[cut:].lstrip()
    return lines


def table(rows: list[list[str | int]], headers: list[str]) -> list[str]:
    """Rows under headers, columns two spaces apart; numbers right-aligned, text left-aligned."""
    cells = [[str(cell) for cell in row] for row in rows]
    widths = [max(display_width(text) for text in column) for column in zip(headers, *cells, strict=True)]

    def line(texts: list[str], numeric: list[bool]) -> str:
        padded = [
            " " * (width - display_width(text)) + text if is_number else text + " " * (width - display_width(text))
            for text, width, is_number in zip(texts, widths, numeric, strict=True)
        ]
        return "  ".join(padded).rstrip()

    numeric = [bool(rows) and all(isinstance(row[i], int) for row in rows) for i in range(len(headers))]
    return [line(headers, numeric), "  ".join("-" * width for width in widths), *(line(row, numeric) for row in cells)]
