"""Which language tag asks for which language: the one table that ``lang=``, its OpenAPI description
and Accept-Language all read.

Tags are matched without regard to letter case, as BCP 47 compares them. Plain ``zh`` means
Simplified: it is the default script, and the documents are mainland ones published in Simplified.
The answer states the language by its canonical tag, zh-Hans, zh-Hant or en (``meta.lang`` and
``Content-Language``), whatever form the request used.

English is asked for with ``lang=en`` only, never by Accept-Language: its titles and names are
unofficial translations, the texts stay Chinese, and most browsers send ``en-US`` whoever reads them,
so a Chinese reader's answers must not turn English unasked. Accept-Language chooses the script.
"""

import re
from collections.abc import Iterable

from dbay.build.scripts import to_hant

# Script → the tags that ask for it; a tag ending in "-*" stands for every longer tag under it (zh-Hant-TW).
SCRIPT_TAGS: dict[str, tuple[str, ...]] = {
    "zh-Hans": ("zh-Hans", "zh-Hans-*", "zh", "zh-CN", "zh-SG"),
    "zh-Hant": ("zh-Hant", "zh-Hant-*", "zh-TW", "zh-HK", "zh-MO"),
}
ENGLISH = "en"
LANGUAGE_TAGS: dict[str, tuple[str, ...]] = {**SCRIPT_TAGS, ENGLISH: (ENGLISH, "en-*")}
LANGUAGE_NAMES = {"zh-Hans": "Simplified", "zh-Hant": "Traditional", ENGLISH: "English"}
FALLBACK = "zh-Hans"  # what an English answer gives where a field has no English
_SUBTAGS = "[A-Za-z0-9]{1,8}(?:-[A-Za-z0-9]{1,8})*"  # BCP 47: subtags of one to eight letters and digits


def _any_case(subtag: str) -> str:
    """A subtag as a pattern matching it in any letter case, written with character classes because
    JSON Schema patterns (ECMA-262) have no flag for it."""
    return "".join(f"[{c.lower()}{c.upper()}]" if c.isalpha() else re.escape(c) for c in subtag)


def tag_pattern(tags: tuple[str, ...]) -> str:
    """A pattern that the whole of a tag matches if it is one of ``tags``, in any letter case."""
    forms = ["-".join(_SUBTAGS if subtag == "*" else _any_case(subtag) for subtag in tag.split("-")) for tag in tags]
    return f"^(?:{'|'.join(forms)})$"


LANG_PATTERN = tag_pattern(tuple(tag for tags in LANGUAGE_TAGS.values() for tag in tags))
_PATTERNS = {language: re.compile(tag_pattern(tags)) for language, tags in LANGUAGE_TAGS.items()}


def language_of(tag: str) -> str | None:
    """The canonical tag of the language ``tag`` asks for (zh-Hans, zh-Hant or en), or None if it is none of the table's."""
    return next((language for language, pattern in _PATTERNS.items() if pattern.fullmatch(tag)), None)


def script_of(tag: str) -> str | None:
    """The canonical tag of the script ``tag`` asks for, or None if it asks for no Chinese script."""
    language = language_of(tag)
    return language if language in SCRIPT_TAGS else None


def accepted() -> str:
    """The accepted tags in words, for the parameter's description and the 400 of a tag outside them."""
    return "; ".join(
        f"{language} or {', '.join(tag.replace('*', '…') for tag in tags if tag != language)} for {LANGUAGE_NAMES[language]}"
        for language, tags in LANGUAGE_TAGS.items()
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


def in_script(text: str, lang: str) -> str:
    """Chinese written in Simplified, in the script ``lang`` reads: Traditional for zh-Hant, else as it is
    (an English answer gives Chinese it has no English for in Simplified)."""
    return to_hant(text) if lang == "zh-Hant" else text


_CHINESE_WORDING = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]+\s*")


def page_wording(label: str, lang: str) -> str:
    """A page's own wording (written in Simplified, often followed by its English: 机关 Agencies) as read
    in ``lang``: the Chinese in its script, or for English the label without its Chinese."""
    if lang == ENGLISH:
        return _CHINESE_WORDING.sub("", label.replace("：", ": ")).strip()
    return in_script(label, lang)
