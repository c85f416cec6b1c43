"""Opening the database: SQLite by default (WAL, foreign keys, busy timeout), PostgreSQL by URL."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, OperationalError
from sqlalchemy.exc import DatabaseError as SADatabaseError
from sqlalchemy.orm import Session, sessionmaker

from gridcore.errors import ConfigError, DatabaseError, NotInitializedError

BUSY_TIMEOUT_MS = 30_000
VERSION_TABLE = "alembic_version"


def parse_url(url: str) -> URL:
    try:
        return make_url(url)
    except ArgumentError:
        raise ConfigError(
            f"数据库地址无效: {url!r}(use sqlite:///path/file.db or postgresql+psycopg://user@host/db)"
        ) from None


def display_url(url: str | URL) -> str:
    """The URL with any password hidden, for messages and logs."""
    parsed = url if isinstance(url, URL) else parse_url(url)
    return parsed.render_as_string(hide_password=True)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.isolation_level = None  # let SQLAlchemy's "begin" event issue BEGIN itself
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _sqlite_begin(connection: Any) -> None:
    # A write transaction takes the write lock up front (BEGIN IMMEDIATE): two writers then queue on
    # busy_timeout instead of failing when both try to upgrade a read lock.
    immediate = connection.get_execution_options().get("gridcore_write", False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def make_engine(url: str) -> Engine:
    parsed = parse_url(url)
    try:
        if parsed.get_backend_name() == "sqlite":
            engine = create_engine(parsed, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
            event.listen(engine, "connect", _sqlite_pragmas)
            event.listen(engine, "begin", _sqlite_begin)
            return engine
        return create_engine(parsed, pool_pre_ping=True)
    except NoSuchModuleError:
        raise ConfigError(f"不支持的数据库类型: {display_url(parsed)}(use sqlite or postgresql+psycopg)") from None
    except ModuleNotFoundError as error:
        raise ConfigError(
            f"缺少数据库驱动 {error.name}: 请安装 pip install 'gridcore[pg]'(for {display_url(parsed)})"
        ) from None


class Database:
    """One database: the engine, write and read sessions, and checks of its state."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.parsed = parse_url(url)
        self._engine: Engine | None = None

    @property
    def is_sqlite(self) -> bool:
        return self.parsed.get_backend_name() == "sqlite"

    @property
    def display(self) -> str:
        return display_url(self.parsed)

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            self._engine = make_engine(self.url)
        return self._engine

    @property
    def sqlite_path(self) -> Path | None:
        if not self.is_sqlite or not self.parsed.database or self.parsed.database == ":memory:":
            return None
        return Path(self.parsed.database)

    def check_reachable(self) -> None:
        """Connect once; an unreachable server or folder is one line naming the URL."""
        path = self.sqlite_path
        if path is not None and not path.resolve().parent.is_dir():
            raise DatabaseError(f"无法打开数据库 {self.display}: 目录 {path.resolve().parent} 不存在")
        try:
            with self.engine.connect():
                pass
        except (OperationalError, SADatabaseError) as error:
            reason = str(error.orig).strip().splitlines()[0] if error.orig else str(error)
            raise DatabaseError(
                f"无法连接数据库 {self.display}: {reason}(check --db or GRIDCORE_DATABASE_URL)"
            ) from None

    def has_table(self, name: str) -> bool:
        with self.engine.connect() as connection:
            return inspect(connection).has_table(name)

    def is_initialized(self) -> bool:
        path = self.sqlite_path
        if path is not None and not path.exists():
            return False
        self.check_reachable()
        return self.has_table(VERSION_TABLE)

    def require_initialized(self) -> None:
        if not self.is_initialized():
            raise NotInitializedError(
                f"数据库 {self.display} 尚未初始化: 请先运行 gridcore init (run gridcore init first)"
            )

    @contextlib.contextmanager
    def session(self) -> Iterator[Session]:
        """A write transaction: committed on success, rolled back on any error."""
        maker = sessionmaker(bind=self.engine.execution_options(gridcore_write=True), expire_on_commit=False)
        with maker() as session, session.begin():
            yield session

    @contextlib.contextmanager
    def read_session(self) -> Iterator[Session]:
        """A read-only unit of work (never takes the SQLite write lock)."""
        with Session(bind=self.engine, expire_on_commit=False) as session:
            try:
                yield session
            finally:
                session.expunge_all()  # what was read stays readable (detached) after the block
                session.rollback()

    def dispose(self) -> None:
        if self._engine is not None:
            self._engine.dispose()
            self._engine = None
