"""The build report's block on named things: per document, the entities its measures mention, by
type, and every quoted string the dictionary does not cover (so that an editor can add it to
``sources/entities.yml``, or leave it out because it names nothing)."""

from collections import Counter

from dbay.build.entities import UnclassifiedQuote, unclassified_quotes
from dbay.build.entity_dictionary import DICTIONARY_FILE
from dbay.build.layout import fill, trim
from dbay.build.validate import Records


def document_of(records: Records) -> dict[str, str]:
    """Each measure's document."""
    return {measure.id: measure.document_id for measure in records.measures}


def entities_block(records: Records, document_id: str, width: int, unclassified: list[UnclassifiedQuote]) -> list[str]:
    """The entities mentioned in the document's measures (name and number of mentions, by type), then its
    unclassified quoted strings with the measure each stands in."""
    documents = document_of(records)
    entities = {entity.id: entity for entity in records.entities}
    mentions = Counter(m.entity_id for m in records.measure_entities if documents[m.measure_id] == document_id)
    by_type: dict[str, list[str]] = {}
    for entity_id, count in sorted(mentions.items(), key=lambda item: (-item[1], entities[item[0]].name)):
        by_type.setdefault(entities[entity_id].type, []).append(f"{entities[entity_id].name} {count}")
    total = sum(mentions.values())
    lines = [f"Entities: {total} mentions of {len(mentions)} entities" + ("" if total else f" (none in {DICTIONARY_FILE})")]
    for kind in sorted(by_type):
        first, *rest = by_type[kind]
        lines += fill([f"{kind}: {first}", *rest], width, indent="  ", separator=", ")
    own = [quote for quote in unclassified if documents[quote.measure_id] == document_id]
    if own:
        lines.append(f"Unclassified quoted strings: {len(own)} (not in {DICTIONARY_FILE}: add those that name something)")
        lines += [trim(f"  {quote.measure_id}  “{quote.content}”", width) for quote in own]
    else:
        lines.append("Unclassified quoted strings: none")
    return lines


def entity_blocks(records: Records, width: int) -> dict[str, list[str]]:
    """The block of every document, by document id (the unclassified strings are found once for all)."""
    unclassified = unclassified_quotes(records)
    return {document.id: entities_block(records, document.id, width, unclassified) for document in records.documents}
