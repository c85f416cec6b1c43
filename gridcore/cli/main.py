"""The root ``gridcore`` command: global options, lazily loaded command groups, one-line errors.

Commands come from ``register_commands`` (the core's own too). Only the command that runs is
imported, so ``gridcore --help`` stays fast however many plugins are installed. Every command is
guarded by the permission it declares (:mod:`gridcore.cli.permissions`): deny by default.
"""

from __future__ import annotations

import importlib
import os
import sys
from typing import Any

import click

import gridcore
from gridcore.cli.context import CliContext
from gridcore.errors import GridcoreError

INTERNAL_ERROR_EXIT = 70


class UserError(click.ClickException):
    """A one-line message for people, printed as ``错误: ...`` with the error's exit code."""

    def __init__(self, message: str, exit_code: int = 1) -> None:
        super().__init__(" ".join(message.split()))
        self.__dict__["exit_code"] = exit_code  # per instance; click declares it on the class

    def show(self, file: Any = None) -> None:
        click.echo(f"错误: {self.format_message()}", err=True)


def _context(ctx: click.Context) -> CliContext:
    if isinstance(ctx.obj, CliContext):
        return ctx.obj
    context = CliContext(edition_path=ctx.params.get("edition"), database_url=ctx.params.get("db"))
    ctx.obj = context
    return context


class GridGroup(click.Group):
    """A group whose subcommands are the registered ``Command`` contributions, imported on use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        try:
            return sorted(_context(ctx).loaded_app.registry.commands)
        except GridcoreError as error:
            raise UserError(str(error), error.exit_code) from None

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        try:
            commands = _context(ctx).loaded_app.registry.commands
        except GridcoreError as error:
            raise UserError(str(error), error.exit_code) from None
        spec = commands.get(cmd_name)
        if spec is None:
            return None
        module_name, _, attribute = spec.target.partition(":")
        try:
            command = getattr(importlib.import_module(module_name), attribute)
        except (ImportError, AttributeError) as error:
            raise UserError(f"插件 {spec.plugin} 的命令 {cmd_name} 无法加载: {error}", 3) from None
        if not isinstance(command, click.Command):
            raise UserError(f"插件 {spec.plugin} 的命令 {cmd_name} 不是 click 命令: {spec.target}", 3)
        from gridcore.cli.permissions import guard

        return guard(command, cmd_name, spec.permission)

    def format_usage(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The banner (software name and version, from the plugins and the edition) above the usage."""
        try:
            brand = _context(ctx).loaded_app.branding
        except GridcoreError as error:
            raise UserError(str(error), error.exit_code) from None
        formatter.write_text(brand.banner(gridcore.__version__))
        super().format_usage(ctx, formatter)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """List commands with their registered one-line help, without importing them."""
        try:
            commands = _context(ctx).loaded_app.registry.commands
        except GridcoreError as error:
            raise UserError(str(error), error.exit_code) from None
        rows = [(name, commands[name].help) for name in sorted(commands)]
        if rows:
            with formatter.section("命令 (Commands)"):
                formatter.write_dl(rows)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except GridcoreError as error:
            raise UserError(str(error), error.exit_code) from None
        except (click.ClickException, click.exceptions.Exit, click.exceptions.Abort, KeyboardInterrupt):
            raise
        except Exception as error:
            if os.environ.get("GRIDCORE_DEBUG"):
                raise
            raise UserError(
                f"内部错误 {type(error).__name__}: {error}(set GRIDCORE_DEBUG=1 for details and report it)",
                INTERNAL_ERROR_EXIT,
            ) from None


@click.group(cls=GridGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--db", metavar="URL", envvar="GRIDCORE_DATABASE_URL", help="数据库地址, 默认 sqlite:///gridcore.db")
@click.option("--edition", metavar="FILE", envvar="GRIDCORE_EDITION", help="版本配置文件 (TOML)")
@click.pass_context
def cli(ctx: click.Context, db: str | None, edition: str | None) -> None:
    """gridcore 社区网格化管理系统。"""
    if isinstance(ctx.obj, CliContext):
        if db:
            ctx.obj.database_url = db
        return
    ctx.obj = CliContext(edition_path=edition, database_url=db)


def main(argv: list[str] | None = None) -> None:
    """The console entry point: never shows a traceback for a mistake a person can fix."""
    try:
        cli.main(args=argv, prog_name="gridcore", standalone_mode=True)
    except GridcoreError as error:  # raised while building the app for --help
        click.echo(f"错误: {' '.join(str(error).split())}", err=True)
        sys.exit(error.exit_code)
