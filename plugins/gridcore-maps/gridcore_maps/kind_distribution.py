"""One kind's distribution map, as the web pages 住户居民分布图 / 营业场所分布图 show it.

A compound's map shows the records of that kind (households, or premises); a map above it (a street's,
a community's) shows the regions one level down, each linked to its own map when it has one, as the
CLI's ``--children`` links them. The data is :func:`.distribution.distribution`'s (masked for the
operator, audited there); this adds only what the page needs to link maps to each other.
"""

from __future__ import annotations

import attrs

from gridcore.errors import NotFoundError
from gridcore.services import regions
from gridcore.services.unit import UnitOfWork, operation
from gridcore_maps.annotation import maps_with_images
from gridcore_maps.distribution import TITLES, DistributionMap, distribution
from gridcore_maps.kinds import REGION
from gridcore_maps.plugin import VIEW


@attrs.frozen(kw_only=True)
class KindDistribution:
    """A distribution map and its neighbours: the regions on it that have a map, the map above it."""

    map: DistributionMap
    kind: str
    is_compound: bool
    linked: frozenset[str]
    parent: str | None


def require_kind(uow: UnitOfWork, kind: str) -> None:
    """A kind no installed plugin registers is one line saying so."""
    if kind not in uow.app.registry.entities:
        title = TITLES.get(kind, f"{kind}分布图")
        raise NotFoundError(f"{title}: 没有安装登记「{kind}」的插件, 没有可显示的记录")


@operation(VIEW)
def kind_distribution(uow: UnitOfWork, region_code: str, kind: str) -> KindDistribution:
    """The map of ``region_code``: ``kind``'s records on a compound, the regions one level down above it."""
    require_kind(uow, kind)
    region = regions.get(uow, region_code)
    is_compound = region.level >= regions.household_level(uow)
    shown = distribution(uow, region_code, [kind] if is_compound else [])
    with_maps = {info.code for info in maps_with_images(uow)}
    linked = frozenset(m.key for m in shown.markers if m.kind == REGION and m.key in with_maps)
    parent = region.parent.code if region.parent is not None and region.parent.code in with_maps else None
    return KindDistribution(map=shown, kind=kind, is_compound=is_compound, linked=linked, parent=parent)
