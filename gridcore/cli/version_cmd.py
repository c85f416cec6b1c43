"""``gridcore version``: the version and the software information (软件信息)."""

from __future__ import annotations

import click

import gridcore
from gridcore.cli.context import CliContext, pass_context
from gridcore.cli.output import emit, format_option
from gridcore.cli.permissions import public


@public
@click.command()
@format_option
@pass_context
def version(context: CliContext, fmt: str) -> None:
    """显示版本与软件信息。"""
    from gridcore.services.branding import current

    brand = current(context.loaded_app)
    info = {
        "name": brand.name,
        "version": brand.version_label or gridcore.__version__,
        "gridcore": gridcore.__version__,
        "company": brand.company,
        "contact": brand.contact,
        "copyright": brand.copyright,
        "about": brand.about,
        "user_name": brand.user_name,
    }
    if fmt == "table":
        click.echo(f"{info['name']} {info['version']} (gridcore {gridcore.__version__})")
        for key in ("user_name", "company", "contact", "copyright", "about"):
            if info[key]:
                click.echo(info[key])
        return
    emit(info, fmt=fmt)
