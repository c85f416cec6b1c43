"""The two state machines of the fire-safety grid, declared for ``register_workflows``.

Hazards (R-X05, domain.md §3 "Hazard state machine")::

    发现 ─► 待整改 ─(店主整改)─► 已整改 ─► 关闭
               └─(不予配合)─► 已报安全办 ─► 停水停电 ─(整改)─► 已整改
                                              └─(拒不整改)─► 已报镇整治办 ─► 查封

两警一停 cases (R-X08): 安全办 finds 漏查/不查/瞒报 → 向两委反映 → 两委讨论表决 → 签发警告或停工意见书
→ 两委办公室盖章 → 发至相关领导及个人 → 相关领导签名确认. A vote that does not pass ends the case.
"""

from __future__ import annotations

from gridcore import Transition, Workflow
from gridcore_firesafety.names import CASE_WORKFLOW, HAZARD_WORKFLOW, OFFICE, PATROL

# hazard states
PENDING = "待整改"
RECTIFIED = "已整改"
CLOSED = "关闭"
REPORTED = "已报安全办"
UTILITIES_CUT = "停水停电"
TOWN_REPORTED = "已报镇整治办"
SEALED = "查封"

HAZARD = Workflow(
    id=HAZARD_WORKFLOW,
    title="火灾隐患整改",
    initial=PENDING,
    transitions=(
        Transition(source=PENDING, target=RECTIFIED, action="店主整改, 复查合格"),
        Transition(source=RECTIFIED, target=CLOSED, action="关闭"),
        Transition(source=PENDING, target=REPORTED, action="店主不予配合, 报送社区安全办"),
        Transition(source=REPORTED, target=UTILITIES_CUT, action="停水停电"),
        Transition(source=UTILITIES_CUT, target=RECTIFIED, action="整改后复查合格"),
        Transition(source=UTILITIES_CUT, target=TOWN_REPORTED, action="隐患严重拒不整改, 安全办报镇整治办"),
        Transition(source=TOWN_REPORTED, target=SEALED, action="查封"),
    ),
    final=(CLOSED, SEALED),
)
#: Hazards whose owner still has to act: past the deadline they are overdue.
OPEN_HAZARD_STATES = (PENDING, REPORTED, UTILITIES_CUT, TOWN_REPORTED)
#: States that count as rectified for the rectification rate.
RECTIFIED_STATES = (RECTIFIED, CLOSED)
#: States reached by escalation (the owner did not cooperate).
ESCALATED_STATES = (REPORTED, UTILITIES_CUT, TOWN_REPORTED, SEALED)
#: Who may take a hazard into a state: the office takes the sanctions, the cell staff the rest.
HAZARD_STEP_PERMISSION = {
    RECTIFIED: PATROL,
    CLOSED: PATROL,
    REPORTED: PATROL,
    UTILITIES_CUT: OFFICE,
    TOWN_REPORTED: OFFICE,
    SEALED: OFFICE,
}

# case states
OPENED = "已立案"
TO_COMMITTEES = "已报两委"
VOTED = "已表决"
DISMISSED = "表决未通过"
ISSUED = "已签发"
STAMPED = "已盖章"
DELIVERED = "已送达"
CONFIRMED = "已签名确认"

CASE = Workflow(
    id=CASE_WORKFLOW,
    title="两警一停",
    initial=OPENED,
    transitions=(
        Transition(source=OPENED, target=TO_COMMITTEES, action="向社区两委反映"),
        Transition(source=TO_COMMITTEES, target=VOTED, action="两委讨论表决通过"),
        Transition(source=TO_COMMITTEES, target=DISMISSED, action="两委表决未通过"),
        Transition(source=VOTED, target=ISSUED, action="签发警告或停工意见书"),
        Transition(source=ISSUED, target=STAMPED, action="两委办公室盖章"),
        Transition(source=STAMPED, target=DELIVERED, action="发至相关领导及个人"),
        Transition(source=DELIVERED, target=CONFIRMED, action="相关领导签名确认"),
    ),
    final=(DISMISSED, CONFIRMED),
)
#: A sanction counts (towards 两警一停) once it has been issued.
ISSUED_CASE_STATES = (ISSUED, STAMPED, DELIVERED, CONFIRMED)
WARNING = "警告"
STOP_WORK = "停工"
SANCTIONS = (WARNING, STOP_WORK)
