"""The demo's fire-safety grid, in the seed's own shape: 16 big grids and 40 cells [P4 三(一)1].

Built in the community of the demo street that has the most premises: the 16 big grids carry the
seed's grid names, the cells are synthetic 片 and properties (the community's compounds first), every
person is synthetic. Staffed cells (three left incomplete), one archive per premises of the covered
compounds (a few shops are added when the premises demo made too few), patrols, hazards in every state
(some overdue), one 两警一停 case taken through every step, last month's reports (three cells missing),
publicity days, responsibility letters and rewards. Running it again adds only what is missing.
Files: an inspection form and the latest briefing (xlsx and text) under ``folder/消防安全网格``.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import TYPE_CHECKING

from gridcore.services.unit import unit_of_work
from gridcore_firesafety.demo import activity, layout
from gridcore_firesafety.demo.people import Names
from gridcore_firesafety.services import common

if TYPE_CHECKING:
    from gridcore import GridApp


def populate(app: GridApp, folder: Path, seed: int) -> None:
    names = Names(seed)
    rng = random.Random(f"firesafety-{seed}")
    with unit_of_work(app) as uow:
        community = layout.community(uow)
        if community is None:
            return
        today = common.today(uow)
        layout.build(uow, community, names, rng, today)
    with unit_of_work(app) as uow:
        activity.patrols(uow, community, rng, today)
    with unit_of_work(app) as uow:
        activity.hazards(uow, community, names, today)
        activity.case(uow, community, names, today)
        activity.reports(uow, community, names, today)
        activity.duties(uow, community, names, today)
    activity.files(app, folder / "消防安全网格")
