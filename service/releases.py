"""/api/v1/releases: every release in the data folder, and what changed in each."""

import json
from typing import Any

from flask import g, url_for
from flask.views import MethodView

from dbay.releases import ReleaseInfo
from dbay.service.arguments import ApiBlueprint, CommonArgs
from dbay.service.context import meta, release_folder
from dbay.service.errors import Problem
from dbay.service.queries import rows
from dbay.service.schemas import ReleaseDetailSchema, ReleaseSummarySchema

blueprint = ApiBlueprint(
    "releases", __name__, url_prefix="/api/v1/releases", description="Releases of the dataset and the changes between them."
)

COUNTED = ("documents", "renditions", "sections", "measures", "agencies", "measure_agencies")


def summary(info: ReleaseInfo, latest: str | None) -> dict[str, Any]:
    downloads = {
        kind: url_for("pages.download", name=path.name) for kind, path in release_folder().downloads(info.version).items()
    }
    return {
        "version": info.version,
        "built_at": info.built_at,
        "schema_version": info.schema_version,
        "content_sha256": info.content_sha256,
        "previous_version": info.previous_version,
        "dataset_description": info.dataset_description,
        "latest": info.version == latest,
        "links": {"self": url_for("releases.Release", version=info.version), **downloads},
    }


@blueprint.route("")
class Releases(MethodView):
    @blueprint.listing("ReleaseList", ReleaseSummarySchema, CommonArgs)
    def get(self, **_: Any) -> dict[str, Any]:
        """Every release, newest first."""
        versions = release_folder().versions
        data = [summary(release_folder().info(v), versions[0]) for v in versions]
        return {
            "data": data,
            "meta": meta(total=len(data), limit=len(data)),
            "links": {"self": url_for("releases.Releases"), "next": None},
        }


@blueprint.route("/<version>")
class Release(MethodView):
    @blueprint.single("ReleaseResponse", ReleaseDetailSchema)
    def get(self, version: str, **_: Any) -> dict[str, Any]:
        """One release: what it was built from, its size, and the changes since the previous one."""
        versions = release_folder().versions
        if version not in versions:
            raise Problem(404, f"release {version!r} does not exist; available: {', '.join(versions) or 'none'}")
        info = g.release = release_folder().info(version)  # this release answers, whatever ?release says
        connection = release_folder().connection(version)
        release_row = dict(connection.execute("select * from releases").fetchone())
        counts = {table: connection.execute(f"select count(*) from [{table}]").fetchone()[0] for table in COUNTED}
        changes = rows(connection, "select * from changes order by record_type, change, record_id")
        data = summary(info, versions[0]) | {
            "source_files": json.loads(release_row["source_files"]),
            "counts": counts,
            "changes": changes,
        }
        return {"data": data, "meta": meta(), "links": {"self": data["links"]["self"]}}
