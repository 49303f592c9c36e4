"""The ``dbay`` command: a thin layer over the library."""

import functools
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from dbay.build.assemble import BuildError
from dbay.build.ids import IdStabilityError
from dbay.build.load import SourceError
from dbay.build.pipeline import run_build
from dbay.build.preview import preview as preview_text
from dbay.build.report import WIDTH, summary
from dbay.build.validate import InvalidRecord
from dbay.build.write import ReleaseConflict
from dbay.maps import Tiles
from dbay.releases import ReleaseFolder, latest_version

BUILD_ERRORS = (SourceError, BuildError, InvalidRecord, IdStabilityError, ReleaseConflict)


@click.group()
def main() -> None:
    """dbay: Guangdong's digital-policy documents as open data."""


@main.command()
@click.option(
    "--sources",
    type=click.Path(path_type=Path),
    default=Path("sources"),
    show_default=True,
    help="Folder of document folders and release.yml.",
)
@click.option(
    "--out",
    type=click.Path(path_type=Path),
    default=Path("dist"),
    show_default=True,
    help="Folder the release database is written to.",
)
def build(sources: Path, out: Path) -> None:
    """Build every document into one validated, versioned SQLite release."""
    try:
        result = run_build(sources, out, progress=lambda message: click.echo(message, err=True))
    except BUILD_ERRORS as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(1)
    click.echo(summary(result))


@main.command()
@click.argument("folder", type=click.Path(path_type=Path))
@click.option("--excluded/--no-excluded", default=True, show_default=True, help="List the excluded paragraphs.")
@click.option("--width", default=WIDTH, show_default=True, type=click.IntRange(min=40), help="Columns of the output.")
def preview(folder: Path, excluded: bool, width: int) -> None:
    """Show one document folder's outline, agencies, excluded text and warnings; write nothing."""
    try:
        text = preview_text(folder, width=width, show_excluded=excluded)
    except (SourceError, BuildError) as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(1)
    click.echo(text)


def _serve(application: Any, host: str, port: int) -> None:
    import uvicorn

    uvicorn.run(application, host=host, port=port, log_level="info")


def serving_options(default_port: int) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """--out, --host, --port and --map-tiles, and a clear error where --out holds no release yet."""

    def decorate(command: Callable[..., None]) -> Callable[..., None]:
        @click.option(
            "--out", type=click.Path(path_type=Path), default=Path("dist"), show_default=True, help="Folder of releases to serve."
        )
        @click.option("--host", default="127.0.0.1", show_default=True)
        @click.option("--port", default=default_port, show_default=True, type=int)
        @click.option(
            "--map-tiles",
            metavar="URL",
            help="Web map tiles under the maps' points, such as https://tile.openstreetmap.org/{z}/{x}/{y}.png "
            "(default: the bundled base map, nothing loaded from elsewhere).",
        )
        @click.option("--map-tiles-attribution", metavar="TEXT", default="", help="The credit the tile server asks for.")
        @functools.wraps(command)
        def checked(out: Path, host: str, port: int, map_tiles: str | None, map_tiles_attribution: str) -> None:
            if latest_version(out) is None:
                click.echo(f"error: no release in {out}; run `dbay build` first", err=True)
                sys.exit(1)
            try:
                tiles = Tiles.configured({"url": map_tiles, "attribution": map_tiles_attribution})
            except ValueError as error:
                raise click.BadParameter(str(error), param_hint="--map-tiles") from error
            command(out, host, port, tiles)

        return checked

    return decorate


@main.command()
@serving_options(default_port=8000)
def serve(out: Path, host: str, port: int, map_tiles: Tiles | None) -> None:
    """Serve the JSON API, Datasette (/data/) and the downloads of every release in --out."""
    from dbay.service.asgi import create_asgi

    _serve(create_asgi(ReleaseFolder(out), map_tiles=map_tiles), host, port)


@main.command()
@serving_options(default_port=8001)
def datasette(out: Path, host: str, port: int, map_tiles: Tiles | None) -> None:
    """Serve Datasette alone on the releases, as `dbay serve` mounts it at /data/."""
    from dbay.service.asgi import create_datasette

    _serve(create_datasette(ReleaseFolder(out), base_url="/", map_tiles=map_tiles).app(), host, port)
