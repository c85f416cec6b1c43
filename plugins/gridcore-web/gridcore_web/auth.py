"""Sessions in the browser: the session cookie, CSRF tokens and resolving the operator of a request.

The session itself is the kernel's (:mod:`gridcore.services.sessions`): a server-side row holding only
the SHA-256 of a 256-bit token, ended after 30 minutes idle or 12 hours, at logout, or when the password
changes elsewhere. The cookie holds the token: ``HttpOnly``, ``SameSite=Strict``, ``Secure`` (with the
``__Host-`` prefix) behind an HTTPS proxy; a login always makes a new token (rotation), and logging in
again ends the session the browser had.

CSRF (security.md C7): every request that changes something (any method but GET/HEAD/OPTIONS) must
carry the token of its session in the ``csrf_token`` form field or the ``X-CSRF-Token`` header, and a
cross-origin ``Origin`` is refused. Before login the token is a random value double-submitted in a
cookie of its own.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from typing import TYPE_CHECKING

import attrs
from flask import Request, current_app, g, request
from werkzeug.wrappers import Response

from gridcore.errors import AuthenticationError
from gridcore.services import sessions

if TYPE_CHECKING:
    from gridcore.security.actors import OperatorActor

from gridcore_web.context import grid_app

SESSION_COOKIE = "gc_session"
LOGIN_COOKIE = "gc_login"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "X-CSRF-Token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
SECURE_SETTING = "GRIDCORE_SECURE_COOKIES"


@attrs.frozen(kw_only=True)
class Resolved:
    actor: OperatorActor
    restricted: str | None
    token: str


def secure() -> bool:
    return bool(current_app.config.get(SECURE_SETTING, False))


def cookie_name(base: str) -> str:
    """``__Host-`` names need ``Secure``; over plain HTTP (127.0.0.1) the bare name is used."""
    return f"__Host-{base}" if secure() else base


def terminal(req: Request) -> str:
    """Where a request comes from, for the audit log."""
    return f"web:{req.remote_addr or '?'}"[:100]


def csrf_for(token: str) -> str:
    """The CSRF token of a session: derived from its (secret, HttpOnly) token, so nothing more is stored."""
    return hmac.new(token.encode("utf-8"), b"gridcore-web csrf", hashlib.sha256).hexdigest()


def set_session_cookie(response: Response, token: str) -> None:
    response.set_cookie(cookie_name(SESSION_COOKIE), token, httponly=True, samesite="Strict", secure=secure(), path="/")


def clear_session_cookie(response: Response) -> None:
    response.delete_cookie(cookie_name(SESSION_COOKIE), path="/", samesite="Strict", secure=secure(), httponly=True)


def session_token() -> str | None:
    return request.cookies.get(cookie_name(SESSION_COOKIE)) or None


def login_token() -> str:
    """The pre-login CSRF token of this browser (made on first use, sent back as a cookie)."""
    found = request.cookies.get(cookie_name(LOGIN_COOKIE))
    if found and len(found) >= 32:
        return found
    made: str = g.get("new_login_token") or secrets.token_urlsafe(32)
    g.new_login_token = made
    return made


def remember_login_token(response: Response) -> None:
    made = g.get("new_login_token")
    if made:
        response.set_cookie(
            cookie_name(LOGIN_COOKIE), made, httponly=True, samesite="Strict", secure=secure(), path="/"
        )


def resolve_request() -> Resolved | None:
    """The operator of this request's session cookie, or ``None`` (no cookie, ended, idle, too old).

    Why a session ended is kept in ``g.auth_failure`` for the login page.
    """
    token = session_token()
    if token is None:
        return None
    try:
        found = sessions.resolve(grid_app(), token, terminal=terminal(request))
    except AuthenticationError as error:
        g.auth_failure = str(error).replace(": gridcore login", "")
        return None
    return Resolved(actor=found.actor, restricted=found.restricted, token=token)


def submitted_csrf() -> str:
    return request.headers.get(CSRF_HEADER) or request.form.get(CSRF_FIELD) or ""


def same_origin() -> bool:
    origin = request.headers.get("Origin")
    if not origin or origin == "null":
        return origin != "null"
    return origin.rstrip("/") == request.host_url.rstrip("/")


def csrf_ok(expected: str) -> bool:
    return bool(expected) and same_origin() and hmac.compare_digest(submitted_csrf(), expected)


def current_csrf() -> str:
    """The token forms of this page must carry."""
    resolved: Resolved | None = g.get("resolved")
    return csrf_for(resolved.token) if resolved is not None else login_token()
