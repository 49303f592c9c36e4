"""Charts drawn on the server as inline SVG: no script, no library, nothing from another origin.

A chart is geometry computed here and drawn by a template; the table beside it on the page is its
accessible form (the SVG is one image with a title and a description in words).
"""

from collections import Counter
from dataclasses import dataclass

# Fill colours for the kinds of a stacked bar, in order of first use: distinguishable, and each
# kind is also named in the legend and in each segment's title, so colour is never the only cue.
PALETTE = ("#1f5f99", "#d9822b", "#3a8f4f", "#a23b72", "#6b6b6b", "#8c6d1f", "#2a9d9d", "#b03a2e")
BAR_HEIGHT, LABEL_HEIGHT, GAP, PLOT_WIDTH, COUNT_WIDTH = 18, 18, 12, 520, 40


@dataclass(frozen=True)
class Segment:
    kind: str
    count: int
    x: float
    width: float
    colour: str


@dataclass(frozen=True)
class Bar:
    label: str
    total: int
    label_y: int
    bar_y: int
    segments: tuple[Segment, ...]


@dataclass(frozen=True)
class StackedBars:
    bars: tuple[Bar, ...]
    legend: tuple[tuple[str, str], ...]  # (kind, colour)
    width: int
    height: int
    summary: str  # the chart in words, for its description


def stacked_bars(groups: dict[str, Counter[str]]) -> StackedBars:
    """One horizontal bar a group (label → count by kind), in the order given, segments by kind in the
    order of first appearance, every bar on one scale (the largest total fills the plot)."""
    kinds = list(dict.fromkeys(kind for counts in groups.values() for kind in sorted(counts)))
    colour = {kind: PALETTE[index % len(PALETTE)] for index, kind in enumerate(kinds)}
    largest = max((sum(counts.values()) for counts in groups.values()), default=0) or 1
    bars = []
    y = 0
    for label, counts in groups.items():
        x = 0.0
        segments = []
        for kind in kinds:
            if counts[kind]:
                width = PLOT_WIDTH * counts[kind] / largest
                segments.append(Segment(kind, counts[kind], round(x, 1), round(width, 1), colour[kind]))
                x += width
        bars.append(Bar(label, sum(counts.values()), y + LABEL_HEIGHT - 4, y + LABEL_HEIGHT, tuple(segments)))
        y += LABEL_HEIGHT + BAR_HEIGHT + GAP
    words = "; ".join(
        f"{label}: {sum(counts.values())}"
        + (" (" + ", ".join(f"{kind} {counts[kind]}" for kind in kinds if counts[kind]) + ")" if counts else "")
        for label, counts in groups.items()
    )
    return StackedBars(tuple(bars), tuple(colour.items()), PLOT_WIDTH + COUNT_WIDTH, max(y - GAP, 1), words)
