"""Where a provision's agency clause is: a trailing parenthesis, or labelled lines after the item.

The genre prints the bodies responsible for an item in three places:

- a parenthesis ending the item: ``…建设。（省科技厅牵头，省财政厅配合）`` or
  ``…建设。（责任单位：省科技厅，各地级以上市人民政府）``;
- labelled lines after it: ``责任单位：省发展改革委、省工业和信息化厅``, ``【牵头单位】…``, or
  ``牵头单位：…`` then ``配合单位：…`` on the next line;
- a label after the item's last sentence on the same line: ``…建设。责任单位：省科技厅``.

The clause is not part of the provision's text. What the clause says is read by
``dbay.build.agencies``.
"""

from dbay.build.agencies import AgencyClause, label_at, parse_agency_clause

_SENTENCE_ENDS = "。；;！？!?"


def is_agency_line(line: str) -> bool:
    """Whether a line opens with an agency label (责任单位：…): part of the item above, never a heading."""
    return label_at(line.strip()) is not None


# A clause closes the item in round brackets, or in the 〔〕 some provinces print.
_CLAUSE_OPENERS, _CLAUSE_CLOSERS = "(（〔［", ")）〕］"


def _opening_paren(text: str) -> int:
    """Offset of the bracket that closes at the end of `text`, or -1."""
    depth = 0
    for i in range(len(text) - 1, -1, -1):
        if text[i] in _CLAUSE_CLOSERS:
            depth += 1
        elif text[i] in _CLAUSE_OPENERS:
            depth -= 1
            if depth == 0:
                return i
    return -1


def _trailing_parenthesis(body: str, first_listed_leads: bool) -> tuple[AgencyClause | None, int]:
    # the clause may close the item's last sentence, before its full stop: …建设（省科技厅牵头）。
    closed = body.removesuffix("。").removesuffix(".")
    if not closed.endswith(tuple(_CLAUSE_CLOSERS)):
        return None, -1
    start = _opening_paren(closed)
    clause = parse_agency_clause(closed[start + 1 : -1], first_listed_leads) if start >= 0 else None
    return (clause, start) if clause else (None, -1)


def _trailing_labelled_lines(body: str, first_listed_leads: bool) -> tuple[AgencyClause | None, int]:
    """The run of lines at the end of ``body`` that each open with a label."""
    lines = body.split("\n")
    first = len(lines)
    while first > 1 and is_agency_line(lines[first - 1]):
        first -= 1
    if first == len(lines):
        return None, -1
    start = sum(len(line) + 1 for line in lines[:first])
    clause = parse_agency_clause("\n".join(lines[first:]), first_listed_leads)
    return (clause, start) if clause else (None, -1)


def _label_after_last_sentence(body: str, first_listed_leads: bool) -> tuple[AgencyClause | None, int]:
    """``…建设。责任单位：省科技厅`` on one line: the earliest label after a sentence end that parses."""
    line_start = body.rfind("\n") + 1
    for at in range(line_start + 1, len(body)):
        if body[at - 1] in _SENTENCE_ENDS and label_at(body, at):
            clause = parse_agency_clause(body[at:], first_listed_leads)
            if clause:
                return clause, at
    return None, -1


def split_agency_clause(text: str, first_listed_leads: bool = False) -> tuple[str, AgencyClause | None, int]:
    """Split off the agency clause that ends `text`, if any.

    Returns (text without the clause, rstripped; the clause; offset of the clause's first
    character, its opening parenthesis or label, in `text`), or (text, None, -1) when `text`
    does not end with an agency clause. ``first_listed_leads``: the document declares that the
    body listed first leads (see ``dbay.build.agencies.declares_first_listed_lead``).
    """
    body = text.rstrip()
    for finder in (_trailing_parenthesis, _trailing_labelled_lines, _label_after_last_sentence):
        clause, start = finder(body, first_listed_leads)
        if clause is not None:
            return body[:start].rstrip(), clause, start
    return text, None, -1
