"""The build report's block on English: how much of each kind of record has its English, and which
records lack it, so that an editor adding a document knows what to translate and in which file."""

from collections import Counter

from dbay.build.english import Untranslated
from dbay.build.layout import wrap
from dbay.build.validate import Records
from dbay.schema.records import RecordType

GAPS_SHOWN = 25  # enough to start translating from; the rest are counted


def english_block(records: Records, untranslated: list[Untranslated], width: int, shown: int = GAPS_SHOWN) -> list[str]:
    """A count line per kind of record (translated of all), then the gaps, one a line."""
    totals: dict[RecordType, int] = {
        "document": len(records.documents),
        "section": len(records.sections),
        "measure": len(records.measures),
        "agency": len(records.agencies),
        "entity": len(records.entities),
        "place": len(records.places),
    }
    lacking = Counter(gap.record_type for gap in untranslated if gap.gap != "unknown")
    official = sum(bool(agency.name_en_official) for agency in records.agencies)
    counts = ", ".join(f"{kind} {total - lacking[kind]}/{total}" for kind, total in totals.items())
    lines = wrap(f"English (unofficial translations, {official} agency names official): {counts}", width)
    if not untranslated:
        return [*lines, "  every record has its English"]
    lines.append(f"  {len(untranslated)} to translate or fix (sources/<file> named first):")
    for gap in untranslated[:shown]:
        lines += wrap(str(gap), width, indent="    ", hanging="      ")
    if len(untranslated) > shown:
        lines.append(f"    … and {len(untranslated) - shown} more")
    return lines
