"""``gridcore code``: suggest 社区编码 and 小区编码 for a name (domain.md §2.2, §2.6 A).

Edition key ``[code_rules] readings``: a table of place-name readings, phrase (汉字) → pinyin first
letters, one letter per character, that extends (and, for the same phrase, overrides) gridcore's
default reading table (:data:`gridcore.domain.coding.DEFAULT_READINGS`)::

    [code_rules.readings]
    "锦厦" = "JS"     # the local reading is Jǐnshà, so the default code of 锦厦社区 becomes JS
    "长兴" = "CX"     # TOML needs quotes around keys that are not ASCII

It decides which reading gives the *default* code; every other reading is still offered.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import click

from gridcore.cli.context import CliContext, pass_context
from gridcore.cli.output import emit, format_option
from gridcore.cli.permissions import requires
from gridcore.errors import ConfigError

if TYPE_CHECKING:
    from gridcore.app import GridApp
    from gridcore.domain.coding import PinyinCodeRule

READINGS_KEY = "readings"
COLUMNS = ("code", "initials", "default")


@click.group()
def code() -> None:
    """编码: 为社区名称或小区名称建议编码。"""


def edition_rule(app: GridApp) -> PinyinCodeRule:
    """The edition's region code rule, as registered (``[code_rules] rule``, default ``pinyin``)."""
    chosen = str(app.edition.code_rules.get("rule", "pinyin"))
    rules = app.registry.code_rules
    if chosen not in rules:
        raise ConfigError(f"版本配置的编码规则 {chosen!r} 不存在;可用: {', '.join(rules)}")
    rule: PinyinCodeRule = rules[chosen].rule
    return rule


def suggestions(rule: PinyinCodeRule, name: str, parent_code: str | None) -> list[dict[str, Any]]:
    """Every candidate code of ``name``, the default first; with ``parent_code`` the codes of a 小区."""
    from gridcore.domain.coding import normalize_code

    if parent_code is None:
        default = rule.community_code(name)
        prefix = ""
    else:
        prefix = normalize_code(parent_code, field="社区编码")
        default = rule.compound_code(prefix, name)
    letters = rule.candidates(name)
    codes = [default, *(prefix + initials for initials in letters if prefix + initials != default)]
    return [{"code": c, "initials": c[len(prefix) :], "default": c == default} for c in codes]


@requires("code.suggest")
@code.command()
@click.argument("name")
@click.option("--parent-code", metavar="CODE", help="所属社区的社区编码: 给出时建议小区编码 (社区编码 + 首字母)")
@format_option
@pass_context
def suggest(context: CliContext, name: str, parent_code: str | None, fmt: str) -> None:
    """列出 NAME 每种读音的候选编码, 默认编码排第一并标出。

    不给 --parent-code 时 NAME 是社区名称, 建议社区编码 (红旗社区 → HQ); 给出时 NAME 是小区名称,
    建议小区编码 (--parent-code HQ 第一小区 → HQDY)。多音字 (锦厦 → JX / JS) 的每种读音都列出。
    """
    rows = suggestions(edition_rule(context.loaded_app), name, parent_code)
    if fmt == "table":
        shown = [{**row, "default": "默认" if row["default"] else ""} for row in rows]
        emit(shown, fmt=fmt, columns=COLUMNS)
    else:
        emit(rows, fmt=fmt, columns=COLUMNS)
