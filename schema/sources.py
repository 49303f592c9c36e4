"""What a source folder must say: ``document.yml`` and ``release.yml``."""

from datetime import date
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

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
