"""``dbay preview``: one document folder built up to its outline, without writing anything.

For a maintainer adding a document: the outline as a tree (path, label, title, agencies with
their roles, the rendition each provision's text came from), then every excluded paragraph with
its reason and line, then the warnings the build report would give. No release is written and
no id is registered.
"""

from pathlib import Path

from dbay.build.assemble import DocumentBuild, MeasureBuild, SectionBuild
from dbay.build.layout import display_width, trim, wrap
from dbay.build.load import DOCUMENT_FILE, LoadedDocument, SourceError, load_document
from dbay.build.pipeline import build_or_explain
from dbay.build.report import (
    WIDTH,
    BuildWarning,
    counts_block,
    excluded_block,
    file_name,
    measure_roles,
    provision_rendition,
    warnings,
    warnings_block,
)

INDENT = "  "


def load_folder(folder: Path) -> LoadedDocument:
    """The document in ``folder`` (a folder holding document.yml, anywhere), or a SourceError."""
    if not folder.is_dir():
        raise SourceError(f"{folder}: not a folder")
    if not (folder / DOCUMENT_FILE).is_file():
        raise SourceError(f"{folder / DOCUMENT_FILE}: file is missing (a document folder needs one)")
    return load_document(folder, folder.parent)


def _label(label: str | None) -> str:
    return label if label is not None else "·"  # an unnumbered heading, numbered by the build


def _node_line(path: tuple[int, ...], label: str | None, title: str, right: str, width: int) -> str:
    """One node of the tree: indent, path, label and title, with ``right`` at the right margin."""
    left = f"{INDENT * (len(path) - 1)}{'.'.join(map(str, path))} {_label(label)} "
    room = width - display_width(left) - display_width(right) - 2
    shown = trim(title, max(room, 8))
    gap = max(width - display_width(left + shown) - display_width(right), 2)
    return f"{left}{shown}{' ' * gap}{right}".rstrip()


def _agency_lines(measure: MeasureBuild, width: int) -> list[str]:
    roles = measure_roles(measure)
    if not roles:
        return []
    inherited = " (from an earlier clause)" if measure.clause_from else ""
    text = " · ".join(f"{role}: {'、'.join(names)}" for role, names in roles.items()) + inherited
    indent = INDENT * len(measure.path) + "   "
    return wrap(text, width, indent=indent, hanging=indent + INDENT)


def outline_tree(build: DocumentBuild, width: int) -> list[str]:
    nodes: list[SectionBuild | MeasureBuild] = sorted([*build.sections, *build.measures], key=lambda node: node.position)
    lines = []
    for node in nodes:
        if isinstance(node, SectionBuild):
            lines.append(_node_line(node.path, node.label, node.heading.hans, "", width))
            continue
        lines.append(_node_line(node.path, node.label, node.title.hans, file_name(build, provision_rendition(node)), width))
        lines += _agency_lines(node, width)
    return lines


def _folder_warnings(document: LoadedDocument) -> list[BuildWarning]:
    """What ``dbay build`` would refuse that a preview still shows."""
    if document.config.id != document.folder.name:
        where = f"{document.folder.name}/{DOCUMENT_FILE}"  # as the renditions are named: from the folder
        return [BuildWarning(where, f"id {document.config.id!r} differs from the folder name {document.folder.name!r}")]
    return []


def preview(folder: Path, width: int = WIDTH, show_excluded: bool = True) -> str:
    """The text ``dbay preview`` prints for the document in ``folder``.

    Raises SourceError where the folder or a rendition cannot be read, BuildError where the
    document cannot be built (naming the file and line where known).
    """
    document = load_folder(folder)
    build = build_or_explain(document)
    lines = [
        trim(f"{build.id}: {build.title.hans}", width),
        *counts_block(build, width),
        trim(f"Preamble: {build.preamble.hans}" if build.preamble else "Preamble: none", width),
        "",
        *wrap("Outline (path, number as printed, title; the rendition each provision's text is from):", width),
        *outline_tree(build, width),
    ]
    if show_excluded:
        lines += ["", *excluded_block(build, width, shown=None)]
    lines += ["", *warnings_block([*_folder_warnings(document), *warnings(build)], width)]
    return "\n".join(lines)
