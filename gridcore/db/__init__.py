"""Storage: the shared metadata, engines for SQLite and PostgreSQL, migrations and sequences."""
