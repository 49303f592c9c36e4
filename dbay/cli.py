"""The ``dbay`` command: a thin layer over the library."""

import sys
from pathlib import Path

import click

from dbay.build.assemble import BuildError
from dbay.build.ids import IdStabilityError
from dbay.build.load import SourceError
from dbay.build.pipeline import run_build
from dbay.build.report import summary
from dbay.build.validate import InvalidRecord
from dbay.build.write import ReleaseConflict, latest_release

BUILD_ERRORS = (SourceError, BuildError, InvalidRecord, IdStabilityError, ReleaseConflict)


@click.group()
def main() -> None:
    """dbay: Guangdong's digital-policy documents as open data."""


@main.command()
@click.option("--sources", type=click.Path(path_type=Path), default=Path("sources"), show_default=True,
              help="Folder of document folders and release.yml.")
@click.option("--out", type=click.Path(path_type=Path), default=Path("dist"), show_default=True,
              help="Folder the release database is written to.")
def build(sources: Path, out: Path) -> None:
    """Build every document into one validated, versioned SQLite release."""
    try:
        result = run_build(sources, out, progress=lambda message: click.echo(message, err=True))
    except BUILD_ERRORS as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(1)
    click.echo(summary(result))


@main.command()
@click.option("--out", type=click.Path(path_type=Path), default=Path("dist"), show_default=True,
              help="Folder of releases to serve.")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
def serve(out: Path, host: str, port: int) -> None:
    """Serve the JSON API, Datasette (/data/) and the downloads of every release in --out."""
    import uvicorn

    from dbay.service.asgi import create_asgi

    if latest_release(out) is None:
        click.echo(f"error: no release in {out}; run `dbay build` first", err=True)
        sys.exit(1)
    uvicorn.run(create_asgi(out), host=host, port=port, log_level="info")


@main.command()
@click.option("--out", type=click.Path(path_type=Path), default=Path("dist"), show_default=True,
              help="Folder of releases to serve.")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8001, show_default=True, type=int)
def datasette(out: Path, host: str, port: int) -> None:
    """Serve Datasette alone on the releases, as `dbay serve` mounts it at /data/."""
    import uvicorn

    from dbay.service.asgi import create_datasette

    if latest_release(out) is None:
        click.echo(f"error: no release in {out}; run `dbay build` first", err=True)
        sys.exit(1)
    instance = create_datasette(out, base_url="/")
    uvicorn.run(instance.app(), host=host, port=port, log_level="info")
