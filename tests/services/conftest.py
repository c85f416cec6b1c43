from __future__ import annotations

import pytest

from gridcore.services import regions
from gridcore.testing import run_service


@pytest.fixture
def district(gridcore_app):
    """东城街道 > 红旗社区 (HQ) > 第一小区 (HQDY), 第二小区 (HQDE)."""
    run_service(gridcore_app, regions.add, level="街道", name="东城街道")
    run_service(gridcore_app, regions.add, level="社区", name="红旗社区", parent_code="DC")
    run_service(gridcore_app, regions.add, level="小区", name="第一小区", parent_code="HQ")
    run_service(gridcore_app, regions.add, level="小区", name="第二小区", parent_code="HQ")
    return gridcore_app
