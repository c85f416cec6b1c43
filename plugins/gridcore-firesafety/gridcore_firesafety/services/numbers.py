"""Record numbers of the fire-safety registers, from the kernel's sequence service (never reused).

大网格 = 社区编码 + XF + 2 digits (HQXF01); 单元格 = 网格编号 + 2 digits (HQXF0101); 检查 = JC + year +
5 digits; 隐患 = YH + year + 4 digits; 两警一停 = LJ + year + 3 digits.
"""

from __future__ import annotations

from typing import Any

from gridcore.services.numbers import allocate_number
from gridcore.services.unit import UnitOfWork


def next_number(uow: UnitOfWork, *, kind: str, prefix: str, column: Any, width: int) -> str:
    return allocate_number(uow, kind=f"firesafety_{kind}", prefix=prefix, column=column, width=width)
