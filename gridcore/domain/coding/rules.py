"""The coding rule an edition can replace, and gridcore's default pinyin rule.

An edition that codes its jurisdiction differently (say a grid code built on the GB/T 2260
administrative division code) contributes another object with these three methods through the
``register_code_rules`` hook.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

import attrs

from gridcore.domain.coding import region_codes
from gridcore.domain.coding.initials import candidate_initials
from gridcore.domain.coding.place_readings import DEFAULT_READINGS, ReadingTable


@runtime_checkable
class CodeRule(Protocol):
    """How default 社区编码 and 小区编码 are made. Codes it returns are upper-case ``[A-Z0-9]``."""

    def community_code(self, name: str) -> str:
        """The default 社区编码 of 社区名称 ``name``."""
        ...

    def compound_code(self, community_code: str, name: str) -> str:
        """The default 小区编码 of 小区名称 ``name`` in the community coded ``community_code``."""
        ...

    def candidates(self, name: str) -> list[str]:
        """Codes the user may pick from for ``name`` (every reading), the default first."""
        ...


@attrs.frozen(kw_only=True)
class PinyinCodeRule:
    """The manual's rule: pinyin first letters of the first two significant characters.

    ``readings`` is the place-name reading table, the default one extended by the edition.
    """

    readings: ReadingTable = DEFAULT_READINGS

    def community_code(self, name: str) -> str:
        """红旗社区 → ``HQ``; see :func:`gridcore.domain.coding.region_codes.community_code`."""
        return region_codes.community_code(name, readings=self.readings)

    def compound_code(self, community_code: str, name: str) -> str:
        """``HQ`` and 第一小区 → ``HQDY``; see :func:`gridcore.domain.coding.region_codes.compound_code`."""
        return region_codes.compound_code(community_code, name, readings=self.readings)

    def candidates(self, name: str) -> list[str]:
        """The initials of every reading of ``name`` (锦厦 → ``JX``, ``JS``), the default first.

        For a 小区编码, prefix each with the 社区编码.
        """
        return candidate_initials(name, readings=self.readings)
