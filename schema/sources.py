"""What a source folder must say: ``document.yml`` and ``release.yml``."""

from datetime import date
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from dbay.schema.records import Script

DocumentId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=80)]


class RenditionConfig(BaseModel):
    model_config = ConfigDict(extra="allow")  # other keys are the editors' own notes

    file: Annotated[str, StringConstraints(min_length=1)] = Field(description="File name inside the folder.")
    script: Script
    kind: Annotated[str, StringConstraints(pattern=r"^[a-z][a-z-]*$")] = Field(
        description="official, news, encyclopedia, web-page …"
    )
    url: str | None = None
    notes: str | None = None


class DocumentConfig(BaseModel):
    """A document folder's ``document.yml``. Other keys are allowed (editors' notes) and not published."""

    model_config = ConfigDict(extra="allow")

    id: DocumentId
    title: Annotated[str, StringConstraints(min_length=1)]
    issuer: str | None
    issued: date | None
    doc_number: str | None = None
    notes: str | None = Field(default=None, description="Where metadata not in the text comes from.")
    renditions: list[RenditionConfig] = Field(min_length=1)


class ReleaseConfig(BaseModel):
    """``sources/release.yml``: the version the next build publishes."""

    model_config = ConfigDict(extra="forbid")

    version: Annotated[str, StringConstraints(pattern=r"^[0-9]+(\.[0-9]+)*$")]
    title: str | None = None
    description: str | None = Field(default=None, description="What the dataset is, in English.")
    license: str = Field(description="SPDX identifier of the dataset's licence, e.g. CC-BY-4.0.")
    license_url: str
    notes: str | None = None


class SuccessionSource(BaseModel):
    """Where a renaming is stated: a page or document, and what it says, in the editor's words."""

    model_config = ConfigDict(extra="forbid")

    url: Annotated[str, StringConstraints(min_length=1)] = Field(description="Address of the page or document.")
    says: Annotated[str, StringConstraints(min_length=1)] = Field(description="What it states of the change.")


class SuccessionConfig(BaseModel):
    """One entry of ``sources/agencies.yml``: a body renamed, or merged into another."""

    model_config = ConfigDict(extra="forbid")

    predecessor: Annotated[str, StringConstraints(min_length=1)] = Field(
        description="The earlier name, as agency clauses write it (省… short form)."
    )
    successor: Annotated[str, StringConstraints(min_length=1)] = Field(description="The later name, likewise.")
    effective: date | None = Field(
        description="When the change took effect; null where the sources bound it but do not state it."
    )
    note: str | None = None
    sources: list[SuccessionSource] = Field(min_length=1, description="Where the change is stated: at least one.")


class AgencyRegisterConfig(BaseModel):
    """``sources/agencies.yml``: the reviewed register of agency renamings and mergers."""

    model_config = ConfigDict(extra="forbid")

    successions: list[SuccessionConfig] = []


# English: translations made for dbay, reviewed in data files (build/english.py reads them) ------------


class Translated(BaseModel):
    """One string and its English: ``zh`` is the Chinese it translates, so that a changed original shows."""

    model_config = ConfigDict(extra="forbid")

    zh: Annotated[str, StringConstraints(min_length=1)] = Field(description="The Simplified Chinese translated.")
    en: Annotated[str, StringConstraints(min_length=1)] = Field(description="Its English.")


class DocumentEnglish(BaseModel):
    """A document folder's ``english.yml``: the title, the section headings and the measure titles in English,
    keyed by path (``"2.6"``). Everything in it is a translation made for dbay."""

    model_config = ConfigDict(extra="forbid")

    translation: Literal["unofficial"] = Field(description="Always unofficial: no official English is published.")
    translated_by: Annotated[str, StringConstraints(min_length=1)]
    reviewed: date = Field(description="When the translations were last read against the Chinese.")
    title: Translated
    sections: dict[str, Translated] = {}
    measures: dict[str, Translated] = {}


class AgencyEnglish(BaseModel):
    """One entry of ``sources/english/agencies.yml``: an agency's English name, official where it publishes one."""

    model_config = ConfigDict(extra="forbid")

    id: Annotated[str, StringConstraints(min_length=1)] = Field(description="The agency's permanent id.")
    zh: Annotated[str, StringConstraints(min_length=1)] = Field(description="Its Simplified name, as agencies.name.")
    en: Annotated[str, StringConstraints(min_length=1)]
    official: bool = Field(description="True where the agency itself publishes this English name.")
    source: SuccessionSource | None = Field(default=None, description="The page showing the official name, and what it shows.")

    @model_validator(mode="after")
    def _official_names_have_a_source(self) -> "AgencyEnglish":
        if self.official and self.source is None:
            raise ValueError("an official English name needs a source (url and says)")
        return self


class AgenciesEnglish(BaseModel):
    """``sources/english/agencies.yml``."""

    model_config = ConfigDict(extra="forbid")

    translated_by: Annotated[str, StringConstraints(min_length=1)]
    reviewed: date
    agencies: list[AgencyEnglish] = []
