"""Datasette's errors at /data/: a client's mistake logs one line, a server error its traceback.

Datasette 0.65's own handler prints a rich traceback with every local variable for every error,
404s included, whenever ``rich`` is installed (it is here: the test tools pull it in); the
plugin's ``handle_exception`` wrapper answers instead, through the ``dbay.datasette`` logger.
"""

import json
import logging
import urllib.error
import urllib.request

import pytest

from dbay.datasette.plugin import log as plugin_log

# (path, status, what the answer says): a page and JSON for each kind of client error Datasette raises.
CLIENT_ERRORS = [
    ("/data/dbay/no_such_table", 404, "Table not found"),
    ("/data/dbay/no_such_table.json", 404, "Table not found"),
    ("/data/dbay/measures/no-such-row", 404, "Record not found"),
    ("/data/dbay/measures/no-such-row.json", 404, "Record not found"),
    ("/data/no_such_database", 404, "Database not found"),
    ("/data/dbay/measures.json?_size=abc", 400, "_size must be a positive integer"),
    ("/data/dbay/measures?_size=abc", 400, "_size must be a positive integer"),
]


def fetch(server: str, path: str) -> tuple[int, str, bytes]:
    try:
        with urllib.request.urlopen(server + path) as response:
            return response.status, response.headers["Content-Type"], response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers["Content-Type"], error.read()


def logged_lines(caplog: pytest.LogCaptureFixture, capfd: pytest.CaptureFixture[str]) -> list[str]:
    """Every line the request left: log records (uvicorn's access line aside) and anything printed."""
    printed = capfd.readouterr()
    records = [caplog.handler.format(record) for record in caplog.records if record.name != "uvicorn.access"]
    return [line for text in [*records, printed.out, printed.err] for line in text.splitlines() if line.strip()]


@pytest.mark.parametrize(("path", "status", "message"), CLIENT_ERRORS)
def test_a_client_error_logs_one_line_and_answers_datasettes_error(
    server: str, caplog: pytest.LogCaptureFixture, capfd: pytest.CaptureFixture[str], path: str, status: int, message: str
) -> None:
    caplog.set_level(logging.INFO)
    capfd.readouterr()  # what earlier tests left
    answered, content_type, body = fetch(server, path)
    assert answered == status
    if path.partition("?")[0].endswith(".json"):
        assert content_type.startswith("application/json")
        assert json.loads(body) == {"ok": False, "error": message, "status": status, "title": None}
    else:
        assert content_type.startswith("text/html")
        page = body.decode()
        assert f"<title>Error {status}</title>" in page and message in page and 'href="/data/-/static/app.css' in page
    (line,) = logged_lines(caplog, capfd)
    assert line.endswith(f" {status} GET {path}: {message}") and "Traceback" not in line
    (record,) = [record for record in caplog.records if record.name != "uvicorn.access"]
    assert (record.name, record.levelno, record.exc_info) == (plugin_log.name, logging.WARNING, None)


def test_invalid_sql_is_a_400_with_datasettes_one_line(
    server: str, caplog: pytest.LogCaptureFixture, capfd: pytest.CaptureFixture[str]
) -> None:
    """The SQL view answers its own 400 (no exception handler); Datasette writes one line naming the error."""
    caplog.set_level(logging.INFO)
    capfd.readouterr()
    status, _, body = fetch(server, "/data/dbay.json?sql=select+no_such_column")
    assert status == 400
    assert json.loads(body)["error"] == "no such column: no_such_column"
    lines = logged_lines(caplog, capfd)
    assert len(lines) == 1 and "no such column: no_such_column" in lines[0] and "Traceback" not in lines[0]


def test_a_server_error_keeps_its_traceback(
    server: str, caplog: pytest.LogCaptureFixture, capfd: pytest.CaptureFixture[str]
) -> None:
    """Datasette 0.65 answers an unknown sort column with a 500: logged as an error, traceback and all."""
    caplog.set_level(logging.INFO)
    capfd.readouterr()
    status, _, body = fetch(server, "/data/dbay/measures.json?_sort=no_such_column")
    assert status == 500
    assert json.loads(body)["error"] == "Cannot sort table by no_such_column"
    (record,) = [record for record in caplog.records if record.name == plugin_log.name]
    assert record.levelno == logging.ERROR and record.getMessage() == "500 GET /data/dbay/measures.json?_sort=no_such_column"
    assert record.exc_info is not None
    assert "Traceback (most recent call last)" in caplog.text and "DatasetteError: Cannot sort table by" in caplog.text
    assert "locals" not in capfd.readouterr().out  # rich's traceback with every local variable is not printed
