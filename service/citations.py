"""A provision's citation in the formats reference managers read: BibTeX and CSL-JSON.

Both are made from the API's own detail of the measure (``measures.detail``), so they say what the
page and the JSON say: the document's title and the provision's notation, the issuer, the document
number, the date of issue, the page's URL and the script. No access date: the same release and URL
give the same file. The entry's key is the measure's id, which never changes.
"""

import json
from typing import Any

from flask import Blueprint, Response

from dbay.service import measures
from dbay.service.context import language
from dbay.service.languages import ENGLISH, FALLBACK

blueprint = Blueprint("citations", __name__)

BIBTEX_TYPE = "application/x-bibtex"
CSL_JSON_TYPE = "application/vnd.citationstyles.csl+json"
MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_BIBTEX_SPECIAL = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}


def work_language(lang: str) -> str:
    """The language of the work cited: the script read in, but Chinese when read in English (the
    provisions have no English text; only the title's translation is given, in square brackets)."""
    return FALLBACK if lang == ENGLISH else lang


def bibtex_key(measure_id: str) -> str:
    return f"dbay:{measure_id}"


def bibtex_escaped(value: str) -> str:
    return "".join(_BIBTEX_SPECIAL.get(character, character) for character in value)


def cited_title(data: dict[str, Any]) -> str:
    """The document's title and where in it the provision stands: “数字湾区”建设三年行动方案 二（六）1."""
    return f"{data['citation']['document_title']} {data['citation']['notation']}"


def bibtex(data: dict[str, Any], lang: str) -> str:
    """A ``@misc`` entry (BibTeX has no type for legislation); the issuer is a corporate author, in braces."""
    document = data["document"]
    fields: list[tuple[str, str]] = [("title", bibtex_escaped(cited_title(data)))]
    if document["issuer"]:
        fields.append(("author", "{" + bibtex_escaped(document["issuer"]) + "}"))
    fields.append(("howpublished", bibtex_escaped(data["citation"]["document_title"])))
    if document["doc_number"]:
        fields.append(("number", bibtex_escaped(document["doc_number"])))
    if document["issued"]:
        fields += [("date", document["issued"]), ("year", document["issued"][:4])]
    fields += [("url", data["citation"]["url"]), ("language", work_language(lang))]
    lines = [f"  {name} = {{{value}}}," for name, value in fields]
    if document["issued"]:  # a month is one of BibTeX's macros, not a braced value
        lines.insert(-2, f"  month = {MONTHS[int(document['issued'][5:7]) - 1]},")
    return f"@misc{{{bibtex_key(data['id'])},\n" + "\n".join(lines) + "\n}\n"


def csl_json(data: dict[str, Any], lang: str) -> list[dict[str, Any]]:
    """One CSL item of type legislation, in a list as CSL-JSON files hold them."""
    document = data["document"]
    item: dict[str, Any] = {
        "id": data["id"],
        "type": "legislation",
        "title": cited_title(data),
        "container-title": data["citation"]["document_title"],
        "section": data["citation"]["notation"],
    }
    if document["issuer"]:
        item["authority"] = document["issuer"]
    if document["doc_number"]:
        item["number"] = document["doc_number"]
    if document["issued"]:
        item["issued"] = {"date-parts": [[int(part) for part in document["issued"].split("-")]]}
    item |= {"URL": data["citation"]["url"], "language": work_language(lang)}
    return [item]


def csl_json_text(data: dict[str, Any], lang: str) -> str:
    return json.dumps(csl_json(data, lang), ensure_ascii=False, indent=2) + "\n"


@blueprint.route("/measures/<measure_id>/citation.bib")
def bibtex_file(measure_id: str) -> Response:
    return Response(bibtex(measures.detail(measure_id), language()), content_type=f"{BIBTEX_TYPE}; charset=utf-8")


@blueprint.route("/measures/<measure_id>/citation.json")
def csl_json_file(measure_id: str) -> Response:
    return Response(csl_json_text(measures.detail(measure_id), language()), mimetype=CSL_JSON_TYPE)
