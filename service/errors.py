"""Errors as RFC 9457 problem details (``application/problem+json``), or as a page for a person.

Every error names what was wrong: the parameter for a 400 (``invalid_params``), the resource for a
404. Unexpected failures are logged and answered the same way, never with a traceback. The API
always answers problems; a reading page, or a browser's request for a URL outside the API that
no route answers, gets the same words as an HTML page (``error.html``).
"""

from http import HTTPStatus
from typing import Any
from urllib.parse import unquote_to_bytes

from flask import Flask, Response, current_app, g, json, render_template, request
from werkzeug.exceptions import HTTPException

from dbay.service.languages import language_of, preferred_script

PROBLEM_TYPE = "application/problem+json"


class Problem(Exception):
    """An error to answer with: HTTP status, a human sentence, and the offending parameter if any."""

    def __init__(self, status: int, detail: str, parameter: str | None = None) -> None:
        super().__init__(detail)
        self.status, self.detail, self.parameter = status, detail, parameter


def bad_parameter(parameter: str, reason: str) -> Problem:
    return Problem(400, f"{parameter}: {reason}", parameter)


def not_found(what: str, version: str) -> Problem:
    """A 404 for ``what`` (``measure 'x'``), looked for in release ``version``."""
    return Problem(404, f"{what} does not exist in release {version}")


def unknown_record(parameter: str, value: str, version: str) -> Problem:
    """A 400 naming ``parameter`` and ``value``, a filter such as ``agency=`` naming no record of the release.

    A filter's value is part of the request, not a resource of its own (as ``/documents/<id>``
    is, whose missing id is a 404): a value naming nothing is a bad parameter, like any other the
    release cannot answer. An empty page instead would pass a misspelt name off as an agency
    without measures. (OpenAPI cannot list the ids of a release short of an enum of them all, too
    large for thousands of documents: see ``MeasureListArgs``.)
    """
    return Problem(400, f"{parameter}: {value!r} does not exist in release {version}", parameter)


def _wants_page() -> bool:
    """A reading page's request (service/reading.py), or a browser asking for a URL outside the API
    that no route answers (``/measures/`` cut short): answered with a page, not a problem."""
    if "page" in g:
        return True
    if request.url_rule is not None or request.path.startswith("/api/"):
        return False
    return request.accept_mimetypes.best_match(["text/html", "application/json", PROBLEM_TYPE]) == "text/html"


def _page_script() -> str:
    """The script of an error page: lang= where it names one, else Accept-Language's (a bad lang= among
    the errors a page can report, so this cannot be ``context.language``, which refuses it)."""
    given = language_of(request.args.get("lang", ""))
    return given or preferred_script(tag for tag, _quality in request.accept_languages)


def problem_response(status: int, detail: str, invalid: list[dict[str, str]] | None = None) -> Response:
    body: dict[str, Any] = {
        "type": "about:blank",
        "title": HTTPStatus(status).phrase,
        "status": status,
        "detail": detail,
        "instance": request.full_path.rstrip("?"),
    }
    if invalid:
        body["invalid_params"] = invalid
    if _wants_page():  # a person reading pages gets a page saying what went wrong
        g.failed = True
        page = render_template("error.html", status=status, title=body["title"], detail=detail, lang=_page_script())
        return Response(page, status=status, mimetype="text/html")
    return Response(json.dumps(body, ensure_ascii=False), status=status, mimetype=PROBLEM_TYPE)


def _reason(reasons: Any) -> str:
    """marshmallow's messages for one parameter as a sentence; a list parameter's are by item index."""
    if isinstance(reasons, dict):
        return "; ".join(
            f"item {index + 1}: {_reason(r)}" if isinstance(index, int) else _reason(r) for index, r in reasons.items()
        )
    if isinstance(reasons, list):
        return "; ".join(_reason(r) for r in reasons)
    return str(reasons)


def _webargs_invalid(error: HTTPException) -> list[dict[str, str]]:
    """flask-smorest reports invalid query parameters in ``error.data['messages']``."""
    messages = (getattr(error, "data", None) or {}).get("messages", {})
    return [
        {"name": str(name), "reason": _reason(reasons)} for location in messages.values() for name, reasons in location.items()
    ]


def undecodable_parameter() -> Problem | None:
    """A 400 naming the first query parameter whose percent-encoded bytes are not UTF-8 (Werkzeug
    would quietly replace them, and answer for a text nobody sent)."""
    for pair in request.query_string.split(b"&"):
        name, _, value = pair.partition(b"=")
        for part in (name, value):
            try:
                unquote_to_bytes(part.replace(b"+", b" ")).decode("utf-8")
            except UnicodeDecodeError:
                shown = unquote_to_bytes(name).decode("utf-8", "replace")
                return bad_parameter(shown, "is not valid UTF-8 once percent-decoded")
    return None


def register(app: Flask) -> None:
    @app.before_request
    def reject_undecodable() -> None:
        problem = undecodable_parameter()
        if problem is not None:
            raise problem

    @app.errorhandler(Problem)
    def problem(error: Problem) -> Response:
        invalid = [{"name": error.parameter, "reason": error.detail}] if error.parameter else None
        return problem_response(error.status, error.detail, invalid)

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException) -> Response:
        invalid = _webargs_invalid(error)
        if invalid:  # webargs' 422 for a query parameter is a plain bad request to the client
            detail = "; ".join(f"{item['name']}: {item['reason']}" for item in invalid)
            return problem_response(400, detail, invalid)
        status = error.code or 500
        response = problem_response(status, error.description or HTTPStatus(status).description)
        for name, value in error.get_headers():  # Allow on a 405, Retry-After …: the problem body replaces only the body
            if name.lower() != "content-type":
                response.headers[name] = value
        return response

    @app.errorhandler(Exception)
    def unexpected(error: Exception) -> Response:
        current_app.logger.exception("unexpected error")
        return problem_response(500, "The server failed to answer; the failure has been logged.")
