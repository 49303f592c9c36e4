"""Stage 10, enrich: what each measure is about, from its text (issue 13).

Each extractor is a module of its own with one job (targets, deadlines, cited documents, named
things, places); this stage runs them over the validated records and adds what they find as records of
``dbay.schema.enrichment``. Vocabularies are data files under ``sources/``; the recognisers are
small named functions in the extractors. Offsets are into ``measures.text``.
"""

from dataclasses import replace
from pathlib import Path

from dbay.build.cited_documents import citation_records
from dbay.build.entities import add_entities
from dbay.build.milestones import milestone_records
from dbay.build.places import add_places
from dbay.build.targets import targets
from dbay.build.validate import Records


def enrich(records: Records, sources: Path) -> Records:
    """The records with what each measure is about added (each extractor fills its own tables)."""
    records = replace(records, milestones=milestone_records(records.measures, records.documents))
    records = replace(records, citations=citation_records(records.measures, records.documents))
    records = replace(records, targets=targets(records))
    add_entities(records, sources)
    add_places(records, sources)
    return records
