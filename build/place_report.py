"""The build report's block on places: per document, the places its measures name, with the number
of mentions of each, so that an editor sees what the dictionary ``sources/places.yml`` found."""

from collections import Counter

from dbay.build.entity_report import document_of
from dbay.build.layout import fill
from dbay.build.place_dictionary import PLACES_FILE
from dbay.build.validate import Records


def places_block(records: Records, width: int) -> list[str]:
    """One line a document (mentions and places), then its places by number of mentions."""
    documents = document_of(records)
    names = {place.id: place.name for place in records.places}
    lines = [f"Places named in the measures ({len(records.places)} entries in {PLACES_FILE}):"]
    for document in records.documents:
        named = Counter(m.place_id for m in records.measure_places if documents[m.measure_id] == document.id)
        lines.append(f"  {document.id}: {sum(named.values())} mentions of {len(named)} places")
        ranked = [f"{names[place_id]} {count}" for place_id, count in sorted(named.items(), key=lambda i: (-i[1], names[i[0]]))]
        if ranked:
            lines += fill(ranked, width, indent="    ", separator=", ")
    return lines
