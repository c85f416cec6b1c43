"""``gridcore serve``: the web face on waitress (127.0.0.1 by default: the single-user edition)."""

from __future__ import annotations

import click

from gridcore.cli.context import CliContext, pass_context
from gridcore.cli.permissions import requires
from gridcore_web.serving import LOOPBACK, ServeOptions


@requires("web.serve")
@click.command()
@click.option(
    "--host",
    default=LOOPBACK,
    show_default=True,
    help="监听地址; 网络版用 0.0.0.0 (须同时给出 --https-proxy 或 --insecure-http)",
)
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535), help="端口")
@click.option("--threads", default=8, show_default=True, type=click.IntRange(1, 64), help="处理请求的线程数")
@click.option(
    "--https-proxy",
    is_flag=True,
    help="前面有 HTTPS 反向代理 (nginx 等): Cookie 加 Secure, 信任代理的 X-Forwarded-* 头",
)
@click.option(
    "--trusted-proxy",
    default=LOOPBACK,
    show_default=True,
    metavar="ADDRESS",
    help="反向代理的地址: 只信任它发来的 X-Forwarded-* 头 (与 --https-proxy 一起用)",
)
@click.option("--insecure-http", is_flag=True, help="允许在非本机地址上用明文 HTTP (仅限测试网络, 密码会明文传输)")
@pass_context
def serve(
    context: CliContext,
    host: str,
    port: int,
    threads: int,
    https_proxy: bool,
    trusted_proxy: str,
    insecure_http: bool,
) -> None:
    """网页版: 在浏览器中打开 http://HOST:PORT 使用 (Ctrl+C 停止)。"""
    from gridcore_web.serving import run

    app = context.data_app()
    options = ServeOptions(
        host=host,
        port=port,
        threads=threads,
        https_proxy=https_proxy,
        trusted_proxy=trusted_proxy,
        insecure_http=insecure_http,
    )
    run(app, options, echo=click.echo)
