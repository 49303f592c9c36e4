"""The grammar of an agency clause: who leads and who takes part, from the clause's text.

Work-plan items end with a clause such as
``(省政務服務和數據管理局牽頭,省委金融辦,省發展改革委、科技廳按職責分工負責)``. Its grammar:
semicolons separate independent clauses, commas separate groups, 、 separates the items of a
group; a role marker (牽頭, 按職責分工負責, …) ends the run of groups it governs; a level prefix
(省) carries forward over a 、-list and a shared suffix (…出入境邊防檢查總站) carries back.
A clause may instead be labelled (責任單位：…; 牽頭單位：…；配合單位：…): each label's list takes
the label's role unless role markers inside it say otherwise. A list with no role at all has no
lead, unless the document declares that the body listed first leads (列第一位者為牽頭單位).
The words live in ``agency_grammar.yml``; this module holds only the logic (``agency_clauses``
finds a clause in a provision). The source mixes ASCII and full-width punctuation, so both are
accepted everywhere.
"""

import re
from dataclasses import dataclass, replace
from functools import cache
from typing import Literal

from dbay.build.scripts import to_hans
from dbay.build.vocabulary import vocabulary

Role = Literal["lead", "participating"]

_OPENERS = "(（“「『"
_CLOSERS = ")）”」』"
_WHITESPACE = re.compile(r"\s+")
LABELLED_NAME_MAX_CHARS = 20


@dataclass(frozen=True)
class AgencyMention:
    name: str  # the full name as written standalone, carried prefix/suffix restored: 省科技廳
    written: str  # as it appears in the clause (whitespace removed): 科技廳
    role: Role
    collective: bool  # a class of bodies rather than one body: 各縱向幫扶單位


@dataclass(frozen=True)
class AgencyClause:
    mentions: tuple[AgencyMention, ...]
    open_ended: bool  # not exhaustive: 等有關單位, 等部門, …
    # 下同: the mentions that also cover the following provisions without a clause of their own:
    # those of the semicolon-separated part that says 下同 (…负责；各地级以上市人民政府结合实际落实，下同)
    carried_below: tuple[AgencyMention, ...]
    text: str  # the clause text inside the parentheses

    @property
    def applies_below(self) -> bool:
        return bool(self.carried_below)

    def below(self) -> "AgencyClause":
        """The clause the following provisions inherit: its 下同 part only."""
        return replace(self, mentions=self.carried_below)


@dataclass(frozen=True)
class _Grammar:
    lead_markers: tuple[str, ...]
    participating_markers: tuple[str, ...]
    group_openers: tuple[str, ...]
    open_ended_markers: tuple[str, ...]
    applies_below_markers: frozenset[str]
    level_prefixes: tuple[str, ...]
    level_prefix_exclusions: tuple[str, ...]
    jurisdiction_prefixes: tuple[str, ...]
    own_place_patterns: tuple[re.Pattern[str], ...]
    shared_body_names: tuple[str, ...]
    agency_endings: tuple[str, ...]
    labelled_endings: tuple[str, ...]
    person_titles: tuple[str, ...]
    collective_prefixes: tuple[str, ...]
    collective_infix: str
    label: re.Pattern[str]  # any label in any of its forms; group "label" is the word
    label_roles: dict[str, Role | None]  # None: a responsibility label, which names no role
    first_listed_leads: tuple[re.Pattern[str], ...]


def _longest_first(words: list[str]) -> tuple[str, ...]:
    # 按職責分工負責 must win over 負責, 省委 over 省, 等有關單位 over 等.
    return tuple(sorted(words, key=len, reverse=True))


def _label_pattern(labels: list[str], forms: list[str]) -> re.Pattern[str]:
    words = "|".join(re.escape(word) for word in _longest_first(labels))
    return re.compile("|".join(f"(?:{form.format(label=f'(?P<label{i}>{words})')})" for i, form in enumerate(forms)))


@cache
def _grammar() -> _Grammar:
    raw = vocabulary("agency_grammar.yml")
    labels = raw["labels"]
    label_roles: dict[str, Role | None] = {word: "lead" for word in labels["lead"]}
    label_roles |= {word: "participating" for word in labels["participating"]}
    label_roles |= {word: None for word in labels["responsible"]}
    return _Grammar(
        lead_markers=_longest_first(raw["role_markers"]["lead"]),
        participating_markers=_longest_first(raw["role_markers"]["participating"]),
        group_openers=_longest_first(raw["group_openers"]),
        open_ended_markers=_longest_first(raw["open_ended_markers"]),
        applies_below_markers=frozenset(raw["applies_below_markers"]),
        level_prefixes=_longest_first(raw["level_prefixes"]),
        level_prefix_exclusions=tuple(raw["level_prefix_exclusions"]),
        jurisdiction_prefixes=_longest_first(raw["jurisdiction_prefixes"]),
        own_place_patterns=tuple(re.compile(pattern) for pattern in raw["own_place_patterns"]),
        shared_body_names=_longest_first(raw["shared_body_names"]),
        agency_endings=tuple(raw["agency_endings"]),
        labelled_endings=tuple(raw["labelled_endings"]),
        person_titles=tuple(raw["person_titles"]),
        collective_prefixes=tuple(raw["collective_prefixes"]),
        collective_infix=raw["collective_infix"],
        label=_label_pattern(list(label_roles), raw["label_forms"]),
        label_roles=label_roles,
        first_listed_leads=tuple(re.compile(pattern) for pattern in raw["first_listed_leads"]),
    )


def label_at(text: str, position: int = 0) -> tuple[str, int] | None:
    """(label word, offset after the label's punctuation) where a label starts at ``position``."""
    match = _grammar().label.match(text, position)
    if match is None:
        return None
    word = next(value for name, value in match.groupdict().items() if value is not None)
    return word, match.end()


def declares_first_listed_lead(text: str) -> bool:
    """Whether a document says that in its lists the body named first leads (列第一位者为牵头单位)."""
    simplified = _WHITESPACE.sub("", to_hans(text))
    return any(pattern.search(simplified) for pattern in _grammar().first_listed_leads)


def _split_top(text: str, separators: str) -> list[str]:
    """Split at separators outside brackets and quotes, so 各地級以上市、縣(市、區) stays whole."""
    parts: list[str] = []
    current: list[str] = []
    depth = 0
    for char in text:
        if char in _OPENERS:
            depth += 1
        elif char in _CLOSERS:
            depth = max(depth - 1, 0)
        elif char in separators and depth == 0:
            parts.append("".join(current))
            current = []
            continue
        current.append(char)
    parts.append("".join(current))
    return [part for part in parts if part]


def _strip_suffix(text: str, words: tuple[str, ...]) -> tuple[str, str | None]:
    for word in words:  # longest first
        if text.endswith(word):
            return text[: -len(word)], word
    return text, None


def _level_prefix(name: str) -> str:
    g = _grammar()
    if name.startswith(g.level_prefix_exclusions):  # 市場監管局: 市場 is a word, not 市
        return ""
    return next((prefix for prefix in g.level_prefixes if name.startswith(prefix)), "")


def _is_complete(name: str) -> bool:
    return name.endswith(_grammar().agency_endings)


def _is_collective(name: str) -> bool:
    g = _grammar()
    return name.startswith(g.collective_prefixes) or g.collective_infix in name


def _has_own_owner(name: str) -> bool:
    """The item already says whose body it is, so no level prefix is carried onto it."""
    g = _grammar()
    if _level_prefix(name) or name.startswith(g.jurisdiction_prefixes + g.collective_prefixes):
        return True
    return any(pattern.match(name) for pattern in g.own_place_patterns)


def _expand_group(group: str, role: Role) -> list[AgencyMention]:
    """The items of one 、-list, with shared suffixes carried back and level prefixes carried forward."""
    g = _grammar()
    written = _split_top(group, "、")
    names = list(written)

    # A run of incomplete items (廣州、深圳) borrows the last complete item's tail: what is left after
    # a head as long as the incomplete item just before it (珠海|出入境邊防檢查總站, 珠海|市人民政府),
    # unless that cuts into one of the genre's shared body names (各市、特区、区人民政府: 区|人民政府).
    run: list[int] = []
    for i, item in enumerate(written):
        if not _is_complete(item):
            run.append(i)
            continue
        suffix = item[len(written[run[-1]]) :] if run else ""
        shared = next((body for body in g.shared_body_names if item.endswith(body) and len(item) > len(body)), None)
        if suffix and shared and not suffix.endswith(shared):
            suffix = shared
        for j in run if suffix else []:
            names[j] = written[j] + suffix
        run = []

    # X專責小組、Y專責小組各成員單位: the members of each body, so the 各… tail carries back.
    at = names[-1].find(g.collective_infix)
    if at > 0:
        tail = names[-1][at:]
        names[:-1] = [n if g.collective_infix in n else n + tail for n in names[:-1]]

    # 省發展改革委、科技廳 → 省科技廳: the nearest preceding level prefix is carried forward.
    carried = ""
    for i, name in enumerate(names):
        if own := _level_prefix(name):
            carried = own
        elif carried and not _has_own_owner(name):
            names[i] = carried + name

    return [
        AgencyMention(name=name, written=item, role=role, collective=_is_collective(name))
        for name, item in zip(names, written, strict=True)
    ]


def _parse_part(part: str, default: Role) -> tuple[list[AgencyMention], bool, bool, bool]:
    """One semicolon-separated clause: (mentions, open_ended, applies_below, has_role_marker).

    Groups that no role marker governs take the ``default`` role (a label's, else participating).
    """
    g = _grammar()
    markers = _longest_first([*g.lead_markers, *g.participating_markers])
    open_ended = applies_below = marked = False
    pending: list[str] = []  # groups waiting for the role marker that governs them
    groups: list[tuple[str, Role]] = []
    for element in _split_top(part, ",，"):
        if element in g.applies_below_markers:
            applies_below = True
            continue
        body, marker = _strip_suffix(element, markers)
        body, more = _strip_suffix(body, g.open_ended_markers)
        open_ended = open_ended or more is not None
        body = next((body[len(w) :] for w in g.group_openers if body.startswith(w)), body)
        if body:
            pending.append(body)
        if marker is not None:
            marked = True
            role: Role = "lead" if marker in g.lead_markers else "participating"
            groups += [(group, role) for group in pending]
            pending = []
    # Groups after the last marker (or in a clause without one) take the default role.
    groups += [(group, default) for group in pending]
    mentions = [mention for group, role in groups for mention in _expand_group(group, role)]
    return mentions, open_ended, applies_below, marked


def _labelled_lists(clause: str) -> list[tuple[str | None, str]]:
    """(label word or None, list text) for each labelled list; one unlabelled list where no label opens it."""
    g = _grammar()
    matches = list(g.label.finditer(clause))
    if not matches or clause[: matches[0].start()].strip(";；,，。 "):
        return [(None, clause)]
    lists: list[tuple[str | None, str]] = []
    for i, match in enumerate(matches):
        word = next(value for value in match.groupdict().values() if value is not None)
        end = matches[i + 1].start() if i + 1 < len(matches) else len(clause)
        lists.append((word, clause[match.end() : end]))
    return lists


def _labelled_name(name: str) -> bool:
    """Under a label a list may name places and task forces too (责任单位：经济开发区，各街道)."""
    return len(name) <= LABELLED_NAME_MAX_CHARS and name.endswith(_grammar().labelled_endings)


def parse_agency_clause(clause: str, first_listed_leads: bool = False) -> AgencyClause | None:
    """Parse a clause (the text inside the parentheses, or a labelled list). None if it is none.

    ``first_listed_leads``: the document declares that the body listed first leads; it applies to
    a clause without any role marker or role label.
    """
    g = _grammar()
    mentions: list[AgencyMention] = []
    open_ended = marked = labelled = False
    carried_below: list[AgencyMention] = []
    # A clause may end with a note in sentences of its own (…省国资委牵头。明确牵头部门的，有关部门配合，
    # 不逐一列出，下同): only its first sentence names bodies.
    naming = _WHITESPACE.sub("", clause)
    naming = naming.split("。", 1)[0] if "。" in naming.rstrip("。") and not g.label.search(naming) else naming
    for label, listed in _labelled_lists(naming):
        role = g.label_roles[label] if label else None
        labelled = labelled or label is not None
        marked = marked or role is not None
        for part in _split_top(listed.strip("。．.;；,，"), ";；"):
            part_mentions, part_open, part_below, part_marked = _parse_part(part, role or "participating")
            # the officials a clause charges (分管副省长、协管副秘书长负责) are people, not bodies
            part_mentions = [m for m in part_mentions if not m.name.endswith(g.person_titles)]
            mentions += part_mentions
            carried_below += part_mentions if part_below else []
            open_ended = open_ended or part_open
            marked = marked or part_marked
    if not mentions:
        return None
    # Every item must look like a body (or a class of bodies); without a role marker or a label it
    # must also say whose body it is, so that (事業單位) or (電力線、通信線、廣播電視線) stay text.
    for mention in mentions:
        if not (_is_complete(mention.name) or mention.collective or (labelled and _labelled_name(mention.name))):
            return None
        if not (marked or labelled) and not _has_own_owner(mention.name):
            return None
    if first_listed_leads and not marked:
        if carried_below and carried_below[0] == mentions[0]:
            carried_below[0] = replace(mentions[0], role="lead")
        mentions[0] = replace(mentions[0], role="lead")
    return AgencyClause(tuple(mentions), open_ended, tuple(carried_below), clause.strip())
