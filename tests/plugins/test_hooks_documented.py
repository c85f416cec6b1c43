"""Every hook is documented in docs/plugin-guide.md with its exact signature, and tested as honoured.

The signature expected for a hook is built from its specification in ``gridcore.plugins.hookspecs``
(its string annotations), so changing a hook without changing the guide fails here; so does a hook
with no ``test_<hook>...`` in ``test_hooks_honoured.py``.
"""

from __future__ import annotations

import ast
import inspect
import re
from pathlib import Path

import attrs
import pytest

from gridcore.plugins import hookspecs
from gridcore.plugins.markers import PROJECT

ROOT = Path(__file__).resolve().parents[2]
GUIDE = ROOT / "docs" / "plugin-guide.md"
HONOURED = Path(__file__).resolve().parent / "test_hooks_honoured.py"
REFERENCE = "Hook reference"  # the top-level part of the guide that holds one section per hook
HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")


@attrs.frozen
class CodeLine:
    text: str
    language: str


@attrs.define
class Section:
    level: int
    title: str
    part: str  # the title of the level-1 heading it sits under
    code: list[CodeLine] = attrs.field(factory=list)


def parse_guide(text: str) -> list[Section]:
    """The headed sections of a markdown file with the lines of their fenced code blocks.

    Lines inside fences are never headings (a ``# comment`` in a code block is not a title).
    """
    sections: list[Section] = []
    fence: str | None = None
    part = ""
    for line in text.splitlines():
        if line.lstrip().startswith("```"):
            fence = None if fence is not None else line.lstrip()[3:].strip() or "text"
            continue
        if fence is not None:
            if sections:
                sections[-1].code.append(CodeLine(line, fence))
            continue
        match = HEADING.match(line)
        if match:
            level, title = len(match[1]), match[2]
            if level == 1:
                part = title
            sections.append(Section(level, title, part))
    return sections


@pytest.fixture(scope="module")
def hook_sections() -> dict[str, Section]:
    assert GUIDE.is_file(), f"{GUIDE} is missing"
    found: dict[str, Section] = {}
    for section in parse_guide(GUIDE.read_text(encoding="utf-8")):
        if section.level == 3 and section.part == REFERENCE:
            assert section.title not in found, f"hook {section.title} is documented twice"
            found[section.title] = section
    return found


def expected_signature(hook: str) -> tuple[str, str]:
    """The decorator and ``def`` lines of a hook's specification, as the guide must show them."""
    spec = getattr(hookspecs, hook)
    signature = inspect.signature(spec)

    def text(annotation: object) -> str:
        assert annotation is not inspect.Parameter.empty, f"hookspec {hook} has an unannotated part"
        return annotation if isinstance(annotation, str) else inspect.formatannotation(annotation)

    params = ", ".join(f"{p.name}: {text(p.annotation)}" for p in signature.parameters.values())
    options = getattr(spec, f"{PROJECT}_spec")
    decorator = "@hookspec(firstresult=True)" if options.get("firstresult") else "@hookspec"
    return decorator, f"def {hook}({params}) -> {text(signature.return_annotation)}"


def honoured_test_names() -> list[str]:
    tree = ast.parse(HONOURED.read_text(encoding="utf-8"))
    return [
        node.name
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name.startswith("test_")
    ]


def test_every_hook_specification_is_listed_in_all_hooks():
    specs = {name for name, value in vars(hookspecs).items() if hasattr(value, f"{PROJECT}_spec")}
    assert specs == set(hookspecs.ALL_HOOKS)
    assert len(hookspecs.ALL_HOOKS) == len(set(hookspecs.ALL_HOOKS))


@pytest.mark.parametrize("hook", hookspecs.ALL_HOOKS)
def test_hook_has_a_section_in_the_plugin_guide(hook, hook_sections):
    assert hook in hook_sections, f"docs/plugin-guide.md has no '### {hook}' section under '# {REFERENCE}'"


@pytest.mark.parametrize("hook", hookspecs.ALL_HOOKS)
def test_hook_signature_in_the_guide_is_the_real_one(hook, hook_sections):
    section = hook_sections.get(hook)
    if section is None:
        pytest.fail(f"docs/plugin-guide.md has no '### {hook}' section")
    decorator, signature = expected_signature(hook)
    lines = [line for line in section.code if line.language == "python"]
    position = next((i for i, line in enumerate(lines) if line.text.startswith(f"def {hook}(")), None)
    assert position is not None, f"'### {hook}' has no python block with the line: {signature}"
    assert lines[position].text.rstrip().removesuffix(":") == signature
    assert position > 0, f"'### {hook}': put {decorator} above the signature"
    assert lines[position - 1].text.strip() == decorator


@pytest.mark.parametrize("hook", hookspecs.ALL_HOOKS)
def test_hook_has_a_test_showing_it_is_honoured(hook):
    names = honoured_test_names()
    assert any(name.startswith(f"test_{hook}") for name in names), (
        f"tests/plugins/test_hooks_honoured.py has no test named test_{hook}_..."
    )


def test_hook_reference_documents_only_real_hooks(hook_sections):
    assert sorted(set(hook_sections) - set(hookspecs.ALL_HOOKS)) == []


def test_parse_guide_ignores_comments_in_code_and_finds_code_lines():
    text = "# Hook reference\n\n### startup\n\n```python\n# not a heading\ndef startup()\n```\n## Next\n"
    [part, startup, following] = parse_guide(text)
    assert (part.level, startup.title, startup.part, following.title) == (1, "startup", REFERENCE, "Next")
    assert [line.text for line in startup.code] == ["# not a heading", "def startup()"]
    assert {line.language for line in startup.code} == {"python"}
