"""首页: who is logged in, the unit, and the menu items as shortcuts."""

from __future__ import annotations

from flask import Blueprint

from gridcore_web.context import render_page
from gridcore_web.pages import LOGGED_IN, requires

blueprint = Blueprint("home", __name__)


@requires(LOGGED_IN)
@blueprint.get("/")
def index() -> str:
    return render_page("web/home.html", title="首页")
