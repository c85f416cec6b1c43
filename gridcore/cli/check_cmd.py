"""``gridcore check --deploy``: report the settings of this installation that fall short (D1).

Exits 1 when any check fails, so an installer script or CI can stop on it.
"""

from __future__ import annotations

import click

from gridcore.cli.context import CliContext, pass_context
from gridcore.cli.output import emit, format_option
from gridcore.cli.permissions import requires


@requires("security.check")
@click.command()
@click.option(
    "--deploy", is_flag=True, help="检查部署安全设置 (密码策略、默认密码、文件权限、审计保存期限、defusedxml)"
)
@format_option
@pass_context
def check(context: CliContext, deploy: bool, fmt: str) -> None:
    """安全检查: gridcore check --deploy。"""
    from gridcore.security.deploy import run_checks

    if not deploy:
        click.echo("请指定要做的检查: gridcore check --deploy")
        return
    findings = run_checks(context.data_app())
    rows = [{"check": f.check, "ok": "OK" if f.ok else "FAIL", "message": f.message} for f in findings]
    emit(rows, fmt=fmt, columns=["check", "ok", "message"], title="部署安全检查")
    failed = [f for f in findings if not f.ok]
    if failed:
        click.echo(f"错误: {len(failed)} 项检查未通过", err=True)
        raise SystemExit(1)
