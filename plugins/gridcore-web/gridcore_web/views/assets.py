"""The vendored front-end files (htmx, Leaflet), the web's CSS and JavaScript: public, cached for an hour."""

from __future__ import annotations

from pathlib import Path

from flask import Blueprint, Response, send_from_directory

from gridcore_web.pages import PUBLIC, requires

STATIC = Path(__file__).resolve().parent.parent / "static"

blueprint = Blueprint("assets", __name__)


@requires(PUBLIC)
@blueprint.get("/static/<path:filename>")
def static(filename: str) -> Response:
    return send_from_directory(STATIC, filename, max_age=3600)
