"""The document's outline as the union of what its renditions carry.

The outline starts as the first-ranked rendition's (``dbay.build.renditions.rank``). Each
following rendition is aligned to it by wording (``dbay.build.align``); a numbered provision it
carries that the outline lacks is placed at its own path among the others, where its siblings
that the outline does have say where that is: the same parent, numbers offset as theirs are. A
provision that cannot be placed so (its number is taken, its siblings disagree, nothing around
it is known) is reported, not guessed. Every node remembers the rendition that supplied it.
"""

from collections import Counter
from dataclasses import dataclass, field

from dbay.build.agency_clauses import split_agency_clause
from dbay.build.align import Alignment, align
from dbay.build.clean import SENTENCE_END
from dbay.build.load import LoadedRendition
from dbay.build.segment import ROOT, Excluded, Node, Outline

# A provision states something: its text holds a full stop or ends a sentence. Numbered lines that
# do not (links, breadcrumbs, captions) are never placed as provisions from a lesser rendition.
_PROVISION_END = SENTENCE_END.replace("：", "").replace(":", "")


@dataclass(eq=False)
class Placed:
    """A node of the document's outline: the rendition's node that supplies it, at its path."""

    node: Node
    rendition: LoadedRendition | None  # None for the root
    path: tuple[int, ...]
    parent: "Placed | None" = None
    children: list["Placed"] = field(default_factory=list)
    renumbered: bool = False  # placed at another number than its rendition prints (its siblings' offset)

    @property
    def is_leaf(self) -> bool:
        return not self.children

    @property
    def label(self) -> str | None:
        """The number as printed, where it is the number of the path."""
        return None if self.renumbered else self.node.label

    @property
    def numbering(self) -> str:
        placed: Placed | None = self
        while placed is not None and placed.parent is not None:
            if placed.label is None:
                return "inferred"
            placed = placed.parent
        return "explicit"

    def walk(self) -> "list[Placed]":
        nodes: list[Placed] = []
        for child in self.children:
            nodes.append(child)
            nodes.extend(child.walk())
        return nodes

    def leaves(self) -> "list[Placed]":
        return [placed for placed in self.walk() if placed.is_leaf]


def adopt(node: Node, rendition: LoadedRendition, parent: Placed, number: int) -> Placed:
    """A rendition's node and everything under it, placed at ``parent.path + (number,)``."""
    placed = Placed(node, rendition, (*parent.path, number), parent, renumbered=number != node.number)
    placed.children = [adopt(child, rendition, placed, child.number) for child in node.children]
    return placed


def outline_of(outline: Outline, rendition: LoadedRendition) -> Placed:
    root = Placed(outline.root, None, ())
    root.children = [adopt(child, rendition, root, child.number) for child in outline.root.children]
    return root


def looks_like_provision(node: Node) -> bool:
    text = split_agency_clause(node.full_text().text)[0].rstrip("”’\"' ")
    return bool(text) and ("。" in text or text[-1] in _PROVISION_END)


@dataclass
class Union:
    root: Placed
    unplaced: dict[tuple[str, int], str] = field(default_factory=dict)  # (rendition id, line) → why not placed
    problems: list[str] = field(default_factory=list)


def _mapping(outline: Outline, matched: dict[int, Placed]) -> dict[int, Placed]:
    """Which node of the union each node of ``outline`` is (by id of the node), where known.

    A leaf is known from the alignment; a section from where its known children sit.
    """
    known: dict[int, Placed] = {}

    def visit(node: Node) -> None:
        for child in node.children:
            visit(child)
        if node.style == ROOT:
            return
        if node.is_leaf:
            if node.head is not None and node.head.line in matched:
                known[id(node)] = matched[node.head.line]
            return
        parents = [known[id(c)].parent for c in node.children if id(c) in known]
        votes = Counter(parent for parent in parents if parent is not None and parent.parent is not None)
        if votes:
            known[id(node)] = max(votes.items(), key=lambda item: (item[1], item[0].path))[0]

    visit(outline.root)
    return known


def _where(path: tuple[int, ...]) -> str:
    return ".".join(map(str, path)) or "the top level"


def _place(node: Node, parent: Placed | None, known: dict[int, Placed], rendition: LoadedRendition) -> Placed | str:
    """Place ``node`` (absent from the union) where its known siblings say, else under ``parent``
    (where its parent in the rendition is); or say why it cannot be placed."""
    if node.label is None:
        return "its number is not printed, so its place cannot be told"
    if not all(looks_like_provision(leaf) for leaf in [node, *node.walk()] if leaf.is_leaf):
        return "it does not read as a provision (no sentence)"
    siblings = [s for s in node.parent.children if s.style == node.style and id(s) in known] if node.parent else []
    sibling_parents = {id(known[id(s)].parent): known[id(s)].parent for s in siblings}
    if len(sibling_parents) > 1:
        return "its siblings sit under different parts of the outline"
    parent = next(iter(sibling_parents.values()), parent)
    if parent is None:
        return "nothing around it is in the outline"
    offsets = {known[id(s)].path[-1] - s.number for s in siblings}
    if len(offsets) > 1:
        return f"its siblings' numbers map to the outline's with different offsets {sorted(offsets)}"
    number = node.number + (offsets.pop() if offsets else 0)
    if number < 1 or any(child.path[-1] == number for child in parent.children):
        return f"its place {_where((*parent.path, number))} is taken by another provision"
    placed = adopt(node, rendition, parent, number)
    at = next((i for i, child in enumerate(parent.children) if child.path[-1] > number), len(parent.children))
    parent.children.insert(at, placed)
    return placed


def _remember(node: Node, placed: Placed, known: dict[int, Placed]) -> None:
    """A placed subtree is known, node by node, so nothing in it is placed twice."""
    known[id(node)] = placed
    for child, placed_child in zip(node.children, placed.children, strict=True):
        _remember(child, placed_child, known)


def _leaf_inputs(root: Placed) -> tuple[list[str], list[str]]:
    leaves = root.leaves()
    return [leaf.node.full_text().text for leaf in leaves], [".".join(map(str, leaf.path)) for leaf in leaves]


def unite(ranked: list[LoadedRendition], outlines: dict[str, Outline]) -> Union:
    """The outline holding every provision any rendition carries, each from the first that does."""
    union = Union(outline_of(outlines[ranked[0].id], ranked[0]))
    for rendition in ranked[1:]:
        outline = outlines[rendition.id]
        leaves = union.root.leaves()
        texts, paths = _leaf_inputs(union.root)
        alignment = align(texts, paths, [], [], outline)
        matched = {piece.line: leaves[piece.leaf] for piece in alignment.carried if piece.numbered}
        known = _mapping(outline, matched)
        unmatched = {unit.line for unit in alignment.unmatched}
        reported: set[int] = set()  # nodes inside a subtree reported as not placed
        for node in outline.root.walk():
            if id(node) in known or id(node) in reported or node.parent is None or node.head is None:
                continue
            if not any(leaf.head and leaf.head.line in unmatched for leaf in [node, *node.walk()] if leaf.is_leaf):
                continue  # no numbered provision the union lacks (an excerpt, a reporter's heading)
            parent = union.root if node.parent.style == ROOT else known.get(id(node.parent))
            placed = _place(node, parent, known, rendition)
            if isinstance(placed, Placed):
                _remember(node, placed, known)
                continue
            union.unplaced[rendition.id, node.head.line] = (
                f"a provision no more authoritative rendition carries, not placed: {placed}"
            )
            union.problems.append(f"{rendition.file}: line {node.head.line}: numbered text not placed: {placed}")
            reported.update(id(inner) for inner in node.walk())
    return union


def align_all(
    union: Union, ranked: list[LoadedRendition], outlines: dict[str, Outline], headings: list[str], context: list[str]
) -> dict[str, Alignment]:
    """Where each rendition but the first carries the union's provisions, besides those it supplies.

    A numbered stretch the union could not place keeps the reason it was not placed.
    """
    leaves = union.root.leaves()
    texts, paths = _leaf_inputs(union.root)
    result: dict[str, Alignment] = {}
    for rendition in ranked[1:]:
        alignment = align(texts, paths, headings, context, outlines[rendition.id])
        alignment.carried = [piece for piece in alignment.carried if leaves[piece.leaf].rendition is not rendition]
        alignment.excluded = [
            Excluded(e.paragraph, union.unplaced.get((rendition.id, e.paragraph.line), e.reason)) for e in alignment.excluded
        ]
        result[rendition.id] = alignment
    return result
