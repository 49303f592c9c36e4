"""The search query language, and the folded form every search compares: one owner for both.

Syntax
------
A query is a sequence of *items* separated by spaces (any of ``SPACES``, the ideographic space
among them):

* a **word**, such as ``养老`` or ``5G``: punctuation at its ends is ignored (``「养老」`` is 养老);
* a **phrase** in ASCII double quotes, ``"数字 政府"``: exactly that text, spaces and punctuation
  included (only spaces at its ends are dropped);
* an **exclusion**, ``-word`` or ``-"a phrase"``: measures containing it are left out;
* ``OR`` (upper case, standing alone) between two words or phrases: either will do, so
  ``人工智能 OR 大数据 -"试点"`` is (人工智能 or 大数据) and not 试点.

Items not joined by ``OR`` must all match. Lower-case ``or``, ``AND``, ``NOT``, ``*`` and the
like are ordinary words. A word or phrase with no letter, digit or ideograph searches nothing and
is dropped; a query left with nothing to search for matches nothing. A malformed query raises
``QuerySyntaxError`` with a sentence saying what to change: an unbalanced or glued quote, a bare
``-``, ``OR`` at either end, doubled or beside an exclusion, or only exclusions (SQLite's FTS5,
like any index, cannot list what lacks a word without a word to look for).

``QUERY_PATTERN`` states the same rules as one regular expression, for the OpenAPI description
of ``q``; the tests hold ``parse`` and the pattern to the same verdict on every query.

Folding
-------
Matching compares *folded* text: each character converted to Simplified on its own (OpenCC
t2s) and lowercased, so 養老 finds 养老 and ipv6 finds IPv6. Folding keeps a text's length.
"""

import re
from dataclasses import dataclass

from dbay.build.scripts import to_hans

# The characters that separate items: listed, not ``\s``, so that Python and the JSON Schema
# pattern (ECMAScript) agree on every one.
SPACES = "\t\n\v\f\r \u00a0\u1680" + "".join(map(chr, range(0x2000, 0x200B))) + "\u2028\u2029\u202f\u205f\u3000"
# SPACES as a character class in ASCII escapes, which both dialects read (tests check it is SPACES).
SPACE_CLASS = r"\u0009-\u000d\u0020\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
_S = f"[{SPACE_CLASS}]"
_C = f'[^{SPACE_CLASS}"]'  # a character of a word
_PHRASE = '"[^"]*"'
# A word to search for: not starting with "-" (an exclusion) and not the operator OR itself.
_WORD = f'(?:[^{SPACE_CLASS}"O-]{_C}*|O(?:[^{SPACE_CLASS}"R]{_C}*|R{_C}+)?)'
_POSITIVE = f"(?:{_PHRASE}|{_WORD})"
_NEGATIVE = f"-(?:{_PHRASE}|{_C}+)"
_ALTERNATIVES = f"{_POSITIVE}(?:{_S}+OR{_S}+{_POSITIVE})*"
QUERY_PATTERN = f"^{_S}*(?:(?:{_NEGATIVE}{_S}+)*{_ALTERNATIVES}(?:{_S}+(?:{_NEGATIVE}|{_ALTERNATIVES}))*)?{_S}*$"

_ITEM = re.compile(f'{_S}+|-?"[^"]*"|{_C}+|"')


class QuerySyntaxError(ValueError):
    """A query the syntax does not allow; the message says what to change."""


@dataclass(frozen=True)
class Query:
    """A parsed query: every clause must match (a clause matches when one of its folded phrases
    occurs), and no excluded phrase may occur. Phrases are folded and never empty."""

    clauses: tuple[tuple[str, ...], ...] = ()
    excluded: tuple[str, ...] = ()

    @property
    def positive(self) -> list[str]:
        """Every phrase searched for, each once, in the order typed (what a snippet marks)."""
        return list(dict.fromkeys(phrase for clause in self.clauses for phrase in clause))


class _Folded(dict[int, str]):
    """str.translate table from a code point to its folded character, filled as characters are met.

    Folding goes a character at a time, so it never changes a text's length and a position in
    the folded text is a position in the original: the snippet relies on that. Folding a text
    whole would choose characters by context and could map a substring to something that is
    not a substring of the folded text.
    """

    def __missing__(self, code_point: int) -> str:
        character = chr(code_point)
        if character.isascii():
            folded = character.lower()
        elif 0xD800 <= code_point <= 0xDFFF:
            folded = character  # a lone surrogate (from a broken client) cannot go through OpenCC
        else:
            simplified = to_hans(character).lower()
            folded = simplified if len(simplified) == 1 else character
        self[code_point] = folded
        return folded


_FOLDED = _Folded()


def fold(text: str) -> str:
    """The form search compares: each character Simplified (t2s) and lowercased, same length."""
    return text.translate(_FOLDED)


def trimmed(term: str) -> str:
    """The term without the punctuation at its ends, or "" when it has no letter, digit or ideograph."""
    searchable = [index for index, character in enumerate(term) if character.isalnum()]
    return term[searchable[0] : searchable[-1] + 1] if searchable else ""


def _searchable(phrase: str) -> str:
    """A phrase's folded text, "" when it has nothing to search for."""
    folded = fold(phrase).strip(SPACES)
    return folded if any(character.isalnum() for character in folded) else ""


def _items(query: str) -> list[tuple[str, str]]:
    """(kind, folded text) for each item: word, phrase, exclusion or OR; text "" when unsearchable."""
    if query.count('"') % 2:
        raise QuerySyntaxError('unbalanced quote: close every phrase with a second " (or leave the quotes out)')
    found: list[tuple[str, str]] = []
    tokens = [match.group() for match in _ITEM.finditer(query)]
    for index, token in enumerate(tokens):
        if token[0] in SPACES:
            continue
        glued = index + 1 < len(tokens) and tokens[index + 1][0] not in SPACES
        if token.endswith('"') and glued:
            raise QuerySyntaxError(f"put a space after the closing quote of {token}")
        if token == "-":
            raise QuerySyntaxError('a bare "-": write the word or "phrase" to leave out right after it, as in -试点')
        if token.startswith('"') or token.startswith('-"'):
            negated = token.startswith("-")
            found.append(("exclusion" if negated else "phrase", _searchable(token[2 if negated else 1 : -1])))
        elif glued:  # a word directly followed by a quote
            raise QuerySyntaxError(f"put a space between {token} and the quote that follows it")
        elif token == "OR":
            found.append(("OR", ""))
        elif token.startswith("-"):
            found.append(("exclusion", trimmed(fold(token[1:]))))
        else:
            found.append(("word", trimmed(fold(token))))
    return found


def _check_or(before: str | None, after: str | None) -> None:
    """OR needs a word or phrase on either side."""
    if before is None or after is None:
        raise QuerySyntaxError(f"OR at the {'start' if before is None else 'end'}: put it between two words or phrases")
    if "OR" in (before, after):
        raise QuerySyntaxError("OR twice in a row: put one OR between two words or phrases")
    if "exclusion" in (before, after):
        raise QuerySyntaxError("OR beside an exclusion (-word): OR joins words or phrases to search for")


def parse(query: str) -> Query:
    """The parsed query, or ``QuerySyntaxError`` saying what to change (see the module's syntax)."""
    items = _items(query)
    clauses: list[list[str]] = []
    excluded: list[str] = []
    joining = False  # the previous item was OR
    for position, (kind, text) in enumerate(items):
        if kind == "OR":
            _check_or(items[position - 1][0] if position else None, items[position + 1][0] if position + 1 < len(items) else None)
            joining = True
        elif kind == "exclusion":
            if text:
                excluded.append(text)
        else:
            if joining:
                clauses[-1].append(text)
            else:
                clauses.append([text])
            joining = False
    if items and not clauses:
        raise QuerySyntaxError("only exclusions: add a term to search for")
    kept = (tuple(dict.fromkeys(phrase for phrase in clause if phrase)) for clause in clauses)
    return Query(tuple(dict.fromkeys(clause for clause in kept if clause)), tuple(dict.fromkeys(excluded)))


def matches(query: Query, folded: str) -> bool:
    """Whether a folded text satisfies the query: every clause has a phrase in it, no exclusion is."""
    if not query.clauses:
        return False
    if any(phrase in folded for phrase in query.excluded):
        return False
    return all(any(phrase in folded for phrase in clause) for clause in query.clauses)
