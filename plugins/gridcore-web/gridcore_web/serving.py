"""Serving the web application with waitress: the address rules of the two editions.

The single-user edition (单机版) listens on 127.0.0.1 only. Listening on another address (网络版) sends
passwords over the network, so it needs either an HTTPS reverse proxy in front (``https_proxy``: cookies
are marked ``Secure`` and the proxy's ``X-Forwarded-*`` headers are trusted) or an explicit
``insecure_http`` for a test network (security.md A8).
"""

from __future__ import annotations

import ipaddress
from collections.abc import Callable
from typing import TYPE_CHECKING

import attrs

from gridcore.errors import ConfigError

if TYPE_CHECKING:
    from gridcore import GridApp

LOOPBACK = "127.0.0.1"


@attrs.frozen(kw_only=True)
class ServeOptions:
    host: str = LOOPBACK
    port: int = 8000
    threads: int = 8
    https_proxy: bool = False
    trusted_proxy: str = LOOPBACK
    insecure_http: bool = False


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_options(options: ServeOptions) -> None:
    """Refuse plain HTTP on a network address unless it was asked for explicitly."""
    if not is_loopback(options.host) and not (options.https_proxy or options.insecure_http):
        raise ConfigError(
            f"在 {options.host} 上提供网页服务会让密码经网络传输: 请在 HTTPS 反向代理之后运行并加 --https-proxy, "
            "或仅在测试网络中加 --insecure-http"
        )


def run(app: GridApp, options: ServeOptions, *, echo: Callable[[str], None] = print) -> None:
    """Serve until interrupted."""
    import importlib

    from gridcore_web.factory import create_app

    check_options(options)
    web = create_app(app, secure_cookies=options.https_proxy)
    shown = "127.0.0.1" if options.host in {"0.0.0.0", "::"} else options.host
    echo(f"网页版已启动: http://{shown}:{options.port}/  (Ctrl+C 停止)")
    extra = (
        {"trusted_proxy": options.trusted_proxy, "trusted_proxy_headers": "x-forwarded-proto x-forwarded-for"}
        if options.https_proxy
        else {}
    )
    serve = importlib.import_module("waitress").serve  # waitress ships no type information
    serve(web, host=options.host, port=options.port, threads=options.threads, ident="gridcore", **extra)
