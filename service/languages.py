"""Which language tag asks for which script: the one table that ``lang=``, its OpenAPI description
and Accept-Language all read.

Tags are matched without regard to letter case, as BCP 47 compares them. Plain ``zh`` means
Simplified: it is the default script, and the documents are mainland ones published in Simplified.
The answer states the script by its canonical tag, zh-Hans or zh-Hant (``meta.lang`` and
``Content-Language``), whatever form the request used.
"""

import re
from collections.abc import Iterable

from dbay.build.scripts import to_hant

# Script → the tags that ask for it; a tag ending in "-*" stands for every longer tag under it (zh-Hant-TW).
SCRIPT_TAGS: dict[str, tuple[str, ...]] = {
    "zh-Hans": ("zh-Hans", "zh-Hans-*", "zh", "zh-CN", "zh-SG"),
    "zh-Hant": ("zh-Hant", "zh-Hant-*", "zh-TW", "zh-HK", "zh-MO"),
}
SCRIPT_NAMES = {"zh-Hans": "Simplified", "zh-Hant": "Traditional"}
_SUBTAGS = "[A-Za-z0-9]{1,8}(?:-[A-Za-z0-9]{1,8})*"  # BCP 47: subtags of one to eight letters and digits


def _any_case(subtag: str) -> str:
    """A subtag as a pattern matching it in any letter case, written with character classes because
    JSON Schema patterns (ECMA-262) have no flag for it."""
    return "".join(f"[{c.lower()}{c.upper()}]" if c.isalpha() else re.escape(c) for c in subtag)


def tag_pattern(tags: tuple[str, ...]) -> str:
    """A pattern that the whole of a tag matches if it is one of ``tags``, in any letter case."""
    forms = ["-".join(_SUBTAGS if subtag == "*" else _any_case(subtag) for subtag in tag.split("-")) for tag in tags]
    return f"^(?:{'|'.join(forms)})$"


LANG_PATTERN = tag_pattern(tuple(tag for tags in SCRIPT_TAGS.values() for tag in tags))
_SCRIPT_PATTERNS = {script: re.compile(tag_pattern(tags)) for script, tags in SCRIPT_TAGS.items()}


def script_of(tag: str) -> str | None:
    """The canonical tag of the script ``tag`` asks for, or None if it is none of the table's."""
    return next((script for script, pattern in _SCRIPT_PATTERNS.items() if pattern.fullmatch(tag)), None)


def accepted() -> str:
    """The accepted tags in words, for the parameter's description and the 400 of a tag outside them."""
    return "; ".join(
        f"{script} or {', '.join(tag.replace('*', '…') for tag in tags if tag != script)} for {SCRIPT_NAMES[script]}"
        for script, tags in SCRIPT_TAGS.items()
    )


REFUSAL = f"must be {accepted()} (any letter case), not {{input!r}}"  # the 400's reason, of the value in ``input``


def preferred_script(accept_language: Iterable[str]) -> str:
    """The script of the first Chinese tag among Accept-Language's preferences, else zh-Hans."""
    for tag in accept_language:
        script = script_of(tag)
        if script is not None:
            return script
        if tag.lower().startswith("zh-"):  # another Chinese tag (zh-yue): the default script
            return "zh-Hans"
    return "zh-Hans"


def in_script(label: str, lang: str) -> str:
    """A page's own wording, written in Simplified, in the script ``lang`` reads (texts from the
    release come in the chosen script already)."""
    return to_hant(label) if lang == "zh-Hant" else label
