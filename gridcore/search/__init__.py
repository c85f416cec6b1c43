"""The search index: one row of precomputed text per searchable record, kept in the write's transaction.

Contains-search (模糊查询) looks here instead of scanning the entity's table: on SQLite through an FTS5
trigram index (keywords of three characters or more), on PostgreSQL through a pg_trgm index.
"""
