"""The README's API examples, run as a reader would: each curl | jq line of "The JSON API" block through
bash against a real server, its output compared with the "# → " lines written under it.

The README's figures were read off `make serve`'s release; the server here answers from a release
built from the same sources, so they must agree. A command without "# → " lines must still succeed
and print something (a jq path that finds nothing, or a 4xx, fails it: curl -f, pipefail).
"""

import re
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import pytest

README = Path(__file__).resolve().parents[2] / "README.md"
SHOWN = "# → "


@dataclass
class Example:
    command: str
    shown: list[str] = field(default_factory=list)


def api_examples(readme: str) -> list[Example]:
    """The commands of the README's first sh block under "## The JSON API", each with its shown output."""
    section = readme[readme.index("## The JSON API") :]
    block = re.search(r"```sh\n(.*?)```", section, re.S)
    assert block, "The JSON API section has no sh block"
    examples: list[Example] = []
    for line in block.group(1).replace("\\\n", " ").splitlines():
        if line.startswith("curl"):
            examples.append(Example(line))
        elif line.startswith(SHOWN) and examples:
            examples[-1].shown.append(line.removeprefix(SHOWN))
    return examples


def test_the_examples_are_found_with_their_outputs() -> None:
    examples = api_examples(README.read_text(encoding="utf-8"))
    assert len(examples) >= 20
    assert sum(1 for example in examples if example.shown) >= 8


@pytest.mark.parametrize("example", api_examples(README.read_text(encoding="utf-8")), ids=lambda e: e.command[:70])
def test_each_example_answers_as_the_readme_shows(example: Example, server: str) -> None:
    assert shutil.which("curl") and shutil.which("jq"), "make test installs curl and jq (make readers)"
    command = example.command.replace("curl -s", "curl -sf", 1)
    done = subprocess.run(
        ["bash", "-c", f"set -o pipefail; API={server}/api/v1; {command}"], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, f"{example.command}\n{done.stderr}"
    printed = done.stdout.splitlines()
    assert printed and printed != ["null"], example.command
    if example.shown:
        assert printed == example.shown, example.command
