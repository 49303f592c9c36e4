"""The build report's block on relations: how many measures found related measures in other documents,
and how many relations join each pair of documents, so that an editor sees where promises continue."""

from collections import Counter

from dbay.build.entity_report import document_of
from dbay.build.validate import Records


def relations_block(records: Records) -> list[str]:
    """One line of totals, then one a pair of documents (source document → target document) with relations."""
    documents = document_of(records)
    directions = Counter(relation.direction for relation in records.relations)
    related = len({relation.source_id for relation in records.relations})
    by_direction = ", ".join(f"{direction} {count}" for direction, count in sorted(directions.items()))
    lines = [
        f"Relations across documents: {len(records.relations)}, from {related} of {len(records.measures)} measures"
        + (f" (target issued {by_direction})" if by_direction else "")
    ]
    pairs = Counter((documents[r.source_id], documents[r.target_id]) for r in records.relations)
    lines += [f"  {source} → {target}: {count}" for (source, target), count in sorted(pairs.items())]
    return lines
