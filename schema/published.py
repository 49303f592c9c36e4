"""Every published table, in the order the release writes them: the records of ``records.py`` and
what ``enrichment.py`` adds; the release's own tables come last."""

from dbay.schema.connections import Relation, Variant
from dbay.schema.enrichment import (
    CitedDocument,
    Entity,
    MeasureEntity,
    MeasurePlace,
    Milestone,
    Place,
    SectionEntity,
    SectionPlace,
    Target,
)
from dbay.schema.records import (
    Agency,
    AgencySuccession,
    Change,
    Document,
    ExcludedText,
    Measure,
    MeasureAgency,
    MeasureSource,
    Record,
    Release,
    Rendition,
    Section,
)

PUBLISHED_RECORDS: tuple[type[Record], ...] = (
    Document,
    Rendition,
    Section,
    Measure,
    MeasureSource,
    Agency,
    AgencySuccession,
    MeasureAgency,
    ExcludedText,
    Milestone,
    CitedDocument,
    Target,
    Entity,
    MeasureEntity,
    Place,
    MeasurePlace,
    SectionEntity,
    SectionPlace,
    Variant,
    Relation,
    Release,
    Change,
)
