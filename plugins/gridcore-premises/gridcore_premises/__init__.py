"""gridcore-premises: 营业场所 / 企事业单位 and their employees (从业人员).

Importing this package costs nothing: the identity and hooks are in :mod:`.plugin`, the table in
:mod:`.models`, the rules in :mod:`.rules` and :mod:`.credit_code`, the employee link in
:mod:`.employees`, the statistics in :mod:`.stats`, the commands in :mod:`.cli`.
"""

from __future__ import annotations

__version__ = "0.1.0"
