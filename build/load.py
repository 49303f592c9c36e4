"""Stage 1, load: read every document folder under ``sources/`` and check it.

Every problem is a ``SourceError`` whose message is one line naming the file and the problem, so
that a bad folder stops the build before anything is written.
"""

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from dbay.schema.sources import DocumentConfig, ReleaseConfig, RenditionConfig

DOCUMENT_FILE = "document.yml"
RELEASE_FILE = "release.yml"
DATA_FOLDERS = frozenset({"english"})  # folders of sources/ that hold data files rather than a document


class SourceError(Exception):
    """A source folder, file or setting the build cannot use."""


@dataclass(frozen=True)
class LoadedRendition:
    id: str
    config: RenditionConfig
    file: str  # path relative to the sources folder, with forward slashes
    raw: str
    sha256: str


@dataclass(frozen=True)
class LoadedDocument:
    config: DocumentConfig
    folder: Path
    renditions: tuple[LoadedRendition, ...]


def _describe(error: ValidationError) -> str:
    first = error.errors()[0]
    where = ".".join(str(part) for part in first["loc"]) or "(top level)"
    more = f" (and {error.error_count() - 1} more)" if error.error_count() > 1 else ""
    return f"{where}: {first['msg']}{more}"


M = TypeVar("M", bound=BaseModel)


def read_yaml(path: Path, model: type[M], sources: Path) -> M:
    shown = _shown(path, sources)
    if not path.is_file():
        raise SourceError(f"{shown}: file is missing")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        raise SourceError(f"{shown}: not valid YAML: {str(error).splitlines()[0]}") from None
    if not isinstance(data, dict):
        raise SourceError(f"{shown}: expected a mapping of keys, found {type(data).__name__}")
    try:
        return model.model_validate(data)
    except ValidationError as error:
        raise SourceError(f"{shown}: {_describe(error)}") from None


def _shown(path: Path, sources: Path) -> str:
    try:
        return str(path.relative_to(sources.parent)) if sources.parent != Path() else str(path)
    except ValueError:
        return str(path)


def rendition_id(document_id: str, file_name: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", Path(file_name).stem.lower()).strip("-")
    return f"{document_id}.{slug}"


def read_text(path: Path, shown: str) -> str:
    if not path.is_file():
        raise SourceError(f"{shown}: rendition file is missing")
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise SourceError(f"{shown}: not UTF-8 (invalid byte at line {line}, byte {error.start})") from None
    if not text.strip():
        raise SourceError(f"{shown}: rendition file is empty")
    return text


def load_document(folder: Path, sources: Path) -> LoadedDocument:
    config = read_yaml(folder / DOCUMENT_FILE, DocumentConfig, sources)
    shown_yaml = _shown(folder / DOCUMENT_FILE, sources)
    renditions: list[LoadedRendition] = []
    for index, rendition in enumerate(config.renditions):
        path = (folder / rendition.file).resolve()
        if not path.is_relative_to(folder.resolve()) or path == folder.resolve():
            raise SourceError(f"{shown_yaml}: renditions.{index}.file {rendition.file!r} points outside its folder")
        shown = _shown(folder / rendition.file, sources)
        raw = read_text(path, shown)
        identifier = rendition_id(config.id, rendition.file)
        if identifier == f"{config.id}." or any(r.id == identifier for r in renditions):
            raise SourceError(f"{shown_yaml}: renditions.{index}.file {rendition.file!r} gives no distinct id")
        renditions.append(
            LoadedRendition(
                id=identifier,
                config=rendition,
                file=path.relative_to(sources.resolve()).as_posix(),
                raw=raw,
                sha256=hashlib.sha256(path.read_bytes()).hexdigest(),
            )
        )
    return LoadedDocument(config, folder, tuple(renditions))


def load_documents(sources: Path) -> list[LoadedDocument]:
    """Every document folder (a folder holding ``document.yml``), sorted by id."""
    if not sources.is_dir():
        raise SourceError(f"{sources}: sources folder is missing")
    folders = sorted(path.parent for path in sources.glob(f"*/{DOCUMENT_FILE}"))
    others = [p for p in sources.iterdir() if p.is_dir() and p not in folders and p.name not in DATA_FOLDERS]
    stray = sorted(p for p in others if not p.name.startswith("."))
    if stray:
        raise SourceError(f"{stray[0]}: folder has no {DOCUMENT_FILE}")
    documents = [load_document(folder, sources) for folder in folders]
    seen: dict[str, Path] = {}
    for document in documents:
        shown = _shown(document.folder / DOCUMENT_FILE, sources)
        if document.config.id in seen:
            other = _shown(seen[document.config.id] / DOCUMENT_FILE, sources)
            raise SourceError(f"{shown}: id {document.config.id!r} is also the id of {other}")
        seen[document.config.id] = document.folder
    for document in documents:
        if document.config.id != document.folder.name:
            raise SourceError(
                f"{_shown(document.folder / DOCUMENT_FILE, sources)}: id {document.config.id!r} "
                f"differs from its folder name {document.folder.name!r}"
            )
    if not documents:
        raise SourceError(f"{sources}: no document folders (each needs a {DOCUMENT_FILE})")
    return documents


def load_release(sources: Path) -> ReleaseConfig:
    return read_yaml(sources / RELEASE_FILE, ReleaseConfig, sources)
