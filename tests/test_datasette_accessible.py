"""What dbay.datasette.accessible adds to Datasette's HTML, and what it leaves alone."""

import asyncio

from dbay.datasette.accessible import named, with_names
from dbay.datasette.wrappers import Message, Receive, Scope, Send

FILTER_ROW = (
    b'<html>\n<body><select name="_filter_column_1"></select><select name="_filter_op_1"></select>'
    b'<input type="text" name="_filter_value_1" class="filter-value" value="x"><pre>&lt;html&gt;</pre></body></html>'
)


def test_the_page_gets_a_language_and_the_filter_row_its_names() -> None:
    html = named(FILTER_ROW)
    assert html.startswith(b'<html lang="zh-Hans">')
    assert b'<select aria-label="Filter column" name="_filter_column_1">' in html
    assert b'<select aria-label="Filter operator" name="_filter_op_1">' in html
    assert b'class="filter-value" aria-label="Filter value"' in html


def _answer(content_type: bytes, body: bytes) -> list[Message]:
    async def app(scope: Scope, receive: Receive, send: Send) -> None:
        headers = [(b"content-type", content_type), (b"content-length", str(len(body)).encode())]
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        await send({"type": "http.response.body", "body": body[:10], "more_body": True})
        await send({"type": "http.response.body", "body": body[10:]})

    sent: list[Message] = []

    async def send(message: Message) -> None:
        sent.append(message)

    async def receive() -> Message:
        return {"type": "http.request"}

    async def run() -> None:
        await with_names(app)({"type": "http", "path": "/"}, receive, send)

    asyncio.run(run())
    return sent


def test_an_html_answer_is_sent_whole_with_its_new_length() -> None:
    start, body = _answer(b"text/html; charset=utf-8", FILTER_ROW)
    assert body["body"] == named(FILTER_ROW)
    assert dict(start["headers"])[b"content-length"] == str(len(named(FILTER_ROW))).encode()


def test_other_answers_pass_unchanged() -> None:
    sent = _answer(b"text/csv; charset=utf-8", b"id,text\n<html>,1\n")
    assert b"".join(message.get("body", b"") for message in sent[1:]) == b"id,text\n<html>,1\n"
