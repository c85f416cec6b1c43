"""The plugin's identifiers in one place: entity ids, permissions, workflows, settings, states.

Light on purpose (no SQLAlchemy): the plugin module, the services and the commands all import it.
"""

from __future__ import annotations

PLUGIN_NAME = "firesafety"

# ---------------------------------------------------------------- entities (id = table name)
GRID = "firesafety_grid"
CELL = "firesafety_cell"
POST = "firesafety_post"
BUNDLE = "firesafety_bundle"
ARCHIVE = "firesafety_archive"
INSPECTION = "firesafety_inspection"
HAZARD = "firesafety_hazard"
SPOT_CHECK = "firesafety_spot_check"
CASE = "firesafety_case"
REPORT = "firesafety_report"
BRIEFING = "firesafety_briefing"
PUBLICITY = "firesafety_publicity"
REWARD = "firesafety_reward"
LETTER = "firesafety_letter"
#: Tables that are parts of an entity (history, checklist rows), written through their owner's service.
GRID_TERM = "firesafety_grid_term"
INSPECTION_ITEM = "firesafety_inspection_item"
STEP = "firesafety_step"

# ---------------------------------------------------------------- permissions
VIEW = "firesafety.view"  # 查看消防安全网格
GRID_EDIT = "firesafety.grid"  # 维护大网格、单元格及其人员
PATROL = "firesafety.patrol"  # 监管员、巡查员: 建档、检查登记、隐患登记与整改、月度汇报
OFFICE = "firesafety.office"  # 社区安全办: 停水停电、报镇整治办、查封、抽查、两警一停、简报、奖惩

# ---------------------------------------------------------------- workflows
HAZARD_WORKFLOW = "firesafety.hazard"
CASE_WORKFLOW = "firesafety.case"

# ---------------------------------------------------------------- dictionaries
POST_DICTIONARY = "fire_safety_post"  # shipped by the kernel's default data (domain.md §4.15)
CHECK_ITEM_DICTIONARY = "firesafety_check_item"
HAZARD_TYPE_DICTIONARY = "firesafety_hazard_type"
SPOT_FINDING_DICTIONARY = "firesafety_spot_finding"
BUNDLE_ROLE_DICTIONARY = "firesafety_bundle_role"
REWARD_KIND_DICTIONARY = "firesafety_reward_kind"
LETTER_LEVEL_DICTIONARY = "firesafety_letter_level"
EBIKE_DICTIONARY = "firesafety_ebike"
PUBLICITY_FORM_DICTIONARY = "firesafety_publicity_form"

# codes of the 消防岗位 dictionary (fire_safety_post)
SUPERVISOR = "01"  # 消防安全监管员: exactly one per cell
PATROLLER = "02"  # 消防巡查员: exactly two per cell
OVERSEER = "03"  # 消防监督员: a 社区安全办 staff member, for an enterprise or public place
ENTERPRISE_PATROLLER = "04"  # 企业巡查员: the enterprise's own fire-safety person
CELL_STAFFING = {SUPERVISOR: 1, PATROLLER: 2}

# codes of the 抽查发现 dictionary: a finding other than NO_FINDING opens a 两警一停 case
NO_FINDING = "00"

# codes of the 奖惩类别 dictionary
COMMENDATION = "01"  # 通报表彰
MERIT_AWARD = "02"  # 评先评奖
MERIT_REVOKED = "03"  # 取消当年评先资格并扣发当年奖金
STOP_WORK_PENALTY = "04"  # 停工处理并追究责任 (较大以上火灾事故)

# ---------------------------------------------------------------- event types
HAZARD_MOVED = "firesafety.hazard_moved"
CASE_OPENED = "firesafety.case_opened"
