"""The agency register, ``sources/agencies.yml``: reviewed renamings and mergers of bodies.

Clauses print the name a body had when the document was issued (省政务服务数据管理局 in 2023,
省政务服务和数据管理局 in 2024). Each name stays its own agency, with its own permanent id, and
every provision keeps the name it printed; the register links the names into lineages, so that
"a body and its predecessors" can be asked. A lineage ends in one name (mergers are allowed,
splits are not) and is named by that latest name.
"""

from dataclasses import dataclass
from pathlib import Path

from dbay.build.load import SourceError, read_yaml
from dbay.build.scripts import to_hans
from dbay.schema.sources import AgencyRegisterConfig, SuccessionConfig

REGISTER_FILE = "agencies.yml"


@dataclass(frozen=True)
class AgencyRegister:
    successions: tuple[SuccessionConfig, ...]  # names in Simplified script
    file: str | None  # the register's path inside the sources folder, if there is one

    def names(self) -> set[str]:
        return {name for s in self.successions for name in (s.predecessor, s.successor)}

    def successor_of(self, name: str) -> str | None:
        return next((s.successor for s in self.successions if s.predecessor == name), None)

    def latest(self, name: str) -> str:
        """The last name of the lineage ``name`` belongs to (``name`` itself where it was never renamed)."""
        while (successor := self.successor_of(name)) is not None:
            name = successor
        return name


def _check(successions: list[SuccessionConfig], shown: str) -> None:
    """Refuse an entry that would make lineages ambiguous: the message names the file and the entry."""
    successor_of: dict[str, str] = {}
    for number, entry in enumerate(successions, start=1):
        where = f"{shown}: successions entry {number} ({entry.predecessor} → {entry.successor})"
        if entry.predecessor == entry.successor:
            raise SourceError(f"{where}: a body cannot succeed itself")
        if entry.predecessor in successor_of:
            earlier = successor_of[entry.predecessor]
            raise SourceError(
                f"{where}: {entry.predecessor} already has the successor {earlier}; "
                "a lineage ends in one name (record a split as two bodies without a succession)"
            )
        successor_of[entry.predecessor] = entry.successor
        seen, name = {entry.predecessor}, entry.successor
        while name in successor_of:
            if name in seen:
                raise SourceError(f"{where}: the successions run in a circle through {name}")
            seen.add(name)
            name = successor_of[name]


def load_agency_register(sources: Path) -> AgencyRegister:
    """The register in ``sources``; an empty one where the folder has none."""
    path = sources / REGISTER_FILE
    if not path.exists():
        return AgencyRegister((), None)
    config = read_yaml(path, AgencyRegisterConfig, sources)
    successions = [
        entry.model_copy(update={"predecessor": to_hans(entry.predecessor), "successor": to_hans(entry.successor)})
        for entry in config.successions
    ]
    _check(successions, f"{sources.name}/{REGISTER_FILE}")
    return AgencyRegister(tuple(successions), REGISTER_FILE)
