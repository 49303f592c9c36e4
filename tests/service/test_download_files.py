"""The standalone datapackage.json's paths resolve next to it: the service answers the zip's files there."""

import io
import json
import zipfile
from urllib.parse import urljoin

from flask.testing import FlaskClient

from tests.service.conftest import NEW


def test_every_path_of_the_standalone_descriptor_is_answered_with_the_zip_s_file(client: FlaskClient) -> None:
    descriptor_url = f"/downloads/dbay-{NEW}.datapackage.json"
    descriptor = json.loads(client.get(descriptor_url).data)
    archive = zipfile.ZipFile(io.BytesIO(client.get(f"/downloads/dbay-{NEW}.zip").data))
    assert descriptor["resources"]
    for resource in descriptor["resources"]:
        assert resource["path"] == f"dbay-{NEW}/csv/{resource['name']}.csv"
        answer = client.get(urljoin(descriptor_url, resource["path"]))
        assert answer.status_code == 200, resource["path"]
        assert answer.mimetype == "text/csv"
        assert answer.data == archive.read(f"csv/{resource['name']}.csv")
    jsonl = client.get(f"/downloads/dbay-{NEW}/jsonl/measures.jsonl")
    assert jsonl.status_code == 200 and jsonl.data == archive.read("jsonl/measures.jsonl")
    again = client.get(f"/downloads/dbay-{NEW}/jsonl/measures.jsonl", headers={"If-None-Match": jsonl.headers["ETag"]})
    assert again.status_code == 304


def test_a_file_the_zip_lacks_or_a_release_the_server_lacks_is_a_404(client: FlaskClient) -> None:
    for url in (
        f"/downloads/dbay-{NEW}/csv/nothing.csv",
        f"/downloads/dbay-{NEW}/csv/measures.txt",
        "/downloads/dbay-1999.1/csv/measures.csv",
        f"/downloads/dbay{NEW}/csv/measures.csv",
        f"/downloads/dbay-{NEW}/../dbay-{NEW}.db",
    ):
        assert client.get(url).status_code == 404, url
