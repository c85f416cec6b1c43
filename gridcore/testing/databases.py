"""Fresh, isolated databases for tests: a SQLite file, or a throw-away PostgreSQL schema."""

from __future__ import annotations

import contextlib
import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import attrs
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

ENV_URL = "GRIDCORE_TEST_DATABASE_URL"


@attrs.frozen(kw_only=True)
class TestDatabase:
    """A database URL that belongs to one test, and the backend it runs on."""

    __test__ = False

    url: str
    backend: str


@contextlib.contextmanager
def test_database(tmp_path: Path) -> Iterator[TestDatabase]:
    """Yield a fresh database; on PostgreSQL a new schema set as the connection's ``search_path``."""
    base = os.environ.get(ENV_URL, "").strip()
    if not base:
        yield TestDatabase(url=f"sqlite:///{tmp_path / 'gridcore-test.db'}", backend="sqlite")
        return
    schema = f"gct_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE SCHEMA "{schema}"'))
        url = make_url(base).update_query_dict({"options": f"-csearch_path={schema}"})
        yield TestDatabase(url=url.render_as_string(hide_password=False), backend="postgresql")
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        admin.dispose()
