"""Big grids (大网格): add, find, list as a dashboard, and hand over to a successor (R-X01).

"若遇到人员调整, 其接任人为消防监管员" [P4 三(一)1]: on a hand-over the successor takes every duty the
predecessor held in the grid (the big grid itself, their posts in its cells, their shared duties), each
old post is ended on the hand-over date and a new one opened, and the term history is kept.
"""

from __future__ import annotations

import datetime as dt

import attrs
from sqlalchemy import func, or_, select

from gridcore.errors import ConflictError, NotFoundError, ValidationError
from gridcore.services.unit import UnitOfWork, operation
from gridcore_firesafety.models import CellBundle, CellPost, FireBigGrid, FireCell, GridTerm
from gridcore_firesafety.names import BUNDLE, GRID, GRID_EDIT, GRID_TERM, POST
from gridcore_firesafety.services import common, visibility
from gridcore_firesafety.services.numbers import next_number


def get(uow: UnitOfWork, key: str) -> FireBigGrid:
    """A big grid by 网格编号 or by name (a name shared by two communities needs the number)."""
    wanted = key.strip()
    named = or_(FireBigGrid.grid_no == wanted.upper(), FireBigGrid.name == wanted)
    query = select(FireBigGrid).where(named, visibility.where(uow, GRID)).order_by(FireBigGrid.grid_no)
    visible = list(uow.session.execute(query).scalars())
    if not visible:
        raise NotFoundError(f"没有消防大网格「{wanted}」(gridcore fire grid list)")
    if len(visible) > 1:
        numbers = "、".join(grid.grid_no for grid in visible)
        raise ValidationError(f"有多个名为「{wanted}」的大网格, 请用网格编号: {numbers}", field="大网格", value=key)
    return visible[0]


@operation(GRID_EDIT)
def add(
    uow: UnitOfWork,
    *,
    community_code: str,
    name: str,
    supervisor: str,
    phone: str | None = None,
    coverage: str | None = None,
    department: str | None = None,
    since: object = None,
) -> FireBigGrid:
    """A new big grid of a community with its responsible person (消防监管员), whose first term starts ``since``."""
    community = common.community(uow, community_code)
    name = common.required_text(name, "网格名称", limit=50)
    taken = uow.session.execute(
        select(FireBigGrid.grid_no).where(FireBigGrid.community_id == community.id, FireBigGrid.name == name)
    ).scalar_one_or_none()
    if taken is not None:
        raise ConflictError(f"{community.name}已有大网格「{name}」({taken})")
    start = common.given_date(uow, since, "任职日期")
    grid = FireBigGrid(
        grid_no=next_number(uow, kind="grid", prefix=f"{community.code}XF", column=FireBigGrid.grid_no, width=2),
        name=name,
        community_id=community.id,
        community_name=community.name,
        coverage=common.optional_text(coverage),
        department=common.optional_text(department),
        supervisor=common.required_text(supervisor, "消防监管员", limit=30),
        supervisor_phone=common.optional_text(phone),
        supervisor_since=start,
    )
    uow.write(GRID, "create", grid, key=grid.grid_no)
    term = GridTerm(
        grid_id=grid.id,
        person=grid.supervisor,
        phone=grid.supervisor_phone,
        start_date=start,
        community_id=community.id,
    )
    uow.write(GRID_TERM, "create", term, key=grid.grid_no)
    return grid


@attrs.frozen(kw_only=True)
class HandOver:
    """What moved to the successor: the grid itself, the posts and the shared duties."""

    grid: FireBigGrid
    predecessor: str
    successor: str
    posts: int
    duties: int


@operation(GRID_EDIT)
def hand_over(
    uow: UnitOfWork, key: str, *, successor: str, phone: str | None = None, day: object = None, note: str | None = None
) -> HandOver:
    """Replace the big grid's responsible person; the successor holds every duty of the predecessor."""
    grid = get(uow, key)
    successor = common.required_text(successor, "接任人", limit=30)
    predecessor = grid.supervisor
    if successor == predecessor:
        raise ValidationError(f"接任人「{successor}」就是现任消防监管员", field="接任人", value=successor)
    when = common.given_date(uow, day, "交接日期")
    current = _current_term(uow, grid)
    if current is not None:
        if when < current.start_date:
            raise ValidationError(
                f"交接日期 {when} 早于现任的任职日期 {current.start_date}", field="交接日期", value=str(when)
            )
        current.end_date = when
        current.successor = successor
        current.note = common.optional_text(note)
        uow.write(GRID_TERM, "update", current, key=grid.grid_no)
    grid.supervisor = successor
    grid.supervisor_phone = common.optional_text(phone)
    grid.supervisor_since = when
    uow.write(GRID, "update", grid, key=grid.grid_no)
    term = GridTerm(
        grid_id=grid.id, person=successor, phone=grid.supervisor_phone, start_date=when, community_id=grid.community_id
    )
    uow.write(GRID_TERM, "create", term, key=grid.grid_no)
    posts = _move_posts(uow, grid, predecessor, successor, grid.supervisor_phone, when)
    duties = _move_duties(uow, grid, predecessor, successor)
    return HandOver(grid=grid, predecessor=predecessor, successor=successor, posts=posts, duties=duties)


def _current_term(uow: UnitOfWork, grid: FireBigGrid) -> GridTerm | None:
    return (
        uow.session.execute(
            select(GridTerm)
            .where(GridTerm.grid_id == grid.id, GridTerm.end_date.is_(None))
            .order_by(GridTerm.id.desc())
        )
        .scalars()
        .first()
    )


def _cell_ids(uow: UnitOfWork, grid: FireBigGrid) -> list[int]:
    return list(uow.session.execute(select(FireCell.id).where(FireCell.grid_id == grid.id)).scalars())


def _move_posts(
    uow: UnitOfWork, grid: FireBigGrid, predecessor: str, successor: str, phone: str | None, when: dt.date
) -> int:
    held = uow.session.execute(
        select(CellPost).where(
            CellPost.cell_id.in_(_cell_ids(uow, grid)), CellPost.person == predecessor, CellPost.end_date.is_(None)
        )
    ).scalars()
    moved = 0
    for post in list(held):
        post.end_date = when
        uow.write(POST, "update", post)
        copy = CellPost(
            cell_id=post.cell_id,
            cell_name=post.cell_name,
            post=post.post,
            person=successor,
            phone=phone,
            premises_no=post.premises_no,
            affiliation=post.affiliation,
            start_date=when,
            community_id=post.community_id,
        )
        uow.write(POST, "create", copy)
        moved += 1
    return moved


def _move_duties(uow: UnitOfWork, grid: FireBigGrid, predecessor: str, successor: str) -> int:
    duties = uow.session.execute(
        select(CellBundle).where(CellBundle.cell_id.in_(_cell_ids(uow, grid)), CellBundle.person == predecessor)
    ).scalars()
    moved = 0
    for duty in list(duties):
        duty.person = successor
        uow.write(BUNDLE, "update", duty)
        moved += 1
    return moved


def terms(uow: UnitOfWork, grid: FireBigGrid) -> list[GridTerm]:
    """The responsible persons of the grid, oldest first."""
    return list(
        uow.session.execute(
            select(GridTerm).where(GridTerm.grid_id == grid.id).order_by(GridTerm.start_date, GridTerm.id)
        ).scalars()
    )


def visible_grids(uow: UnitOfWork) -> list[FireBigGrid]:
    """Every big grid the operator may see, by number."""
    query = select(FireBigGrid).where(visibility.where(uow, GRID)).order_by(FireBigGrid.grid_no)
    return list(uow.session.execute(query).scalars())


def cell_count(uow: UnitOfWork, grid: FireBigGrid) -> int:
    return int(uow.session.execute(select(func.count()).where(FireCell.grid_id == grid.id)).scalar_one())
