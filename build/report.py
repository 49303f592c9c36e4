"""The build summary: one table a document, one a rendition, and what needs a reader's eye."""

from tabulate import tabulate

from dbay.build.pipeline import BuildResult


def _declared(build_declared: list[tuple[str, int, int, int, str]]) -> str:
    if not build_declared:
        return "—"
    parts = []
    for unit, declared, _level, found, _phrase in build_declared:
        short = f" ({declared - found} short)" if found < declared else ""
        parts.append(f"{unit}: {declared} declared / {found} found{short}")
    return "; ".join(parts)


def summary(result: BuildResult) -> str:
    documents = []
    renditions = []
    for build in result.builds:
        documents.append(
            [
                build.id,
                len(build.renditions),
                len(build.sections),
                len(build.measures),
                sum(len(m.agencies) for m in build.measures),
                _declared(build.declared),
            ]
        )
        total = len(build.measures)
        for rendition in build.renditions:
            renditions.append(
                [
                    rendition.loaded.id,
                    rendition.loaded.config.kind,
                    rendition.loaded.config.script,
                    "yes" if rendition.canonical else "",
                    sum(measure.text_rendition_id == rendition.loaded.id for measure in build.measures),
                    f"{rendition.measures_carried}/{total}",
                    f"{rendition.measures_carried / total:.0%}",
                    len(rendition.excluded),
                ]
            )
    lines = [
        tabulate(
            documents,
            ["document", "renditions", "sections", "provisions", "agency links", "declared vs found"],
            tablefmt="simple",
        ),
        "",
        tabulate(
            renditions,
            ["rendition", "kind", "script", "canonical", "texts supplied", "provisions", "coverage", "excluded paragraphs"],
            tablefmt="simple",
        ),
    ]
    problems = [problem for build in result.builds for problem in build.problems]
    if problems:
        lines += ["", "Problems (numbering, renditions):", *(f"  {problem}" for problem in problems)]
    written = result.written
    lines.append("")
    if written.status == "unchanged":
        lines.append(f"Release {result.version} is up to date: {written.path} (nothing written)")
    else:
        counts: dict[str, int] = {}
        for change in written.changes:
            counts[change.change] = counts.get(change.change, 0) + 1
        since = f"since {written.previous_version}" if written.previous_version else "(first release in this folder)"
        changed = ", ".join(f"{n} {kind}" for kind, n in sorted(counts.items())) or "no changes"
        lines.append(f"Wrote {written.path}: {changed} {since}")
    if result.registered:
        lines.append(f"Registered {result.registered} new ids in sources/published-ids.tsv (commit it)")
    return "\n".join(lines)
