"""Packages: one engine-neutral, signed format for backup, restore, 数据上报 and 数据接收 (§7.10).

A package is a zip::

    manifest.json          format, kind (backup/report), package_id, created_at, sender (unit code,
                           name, key fingerprint), sequence number, schema (alembic heads and plugin
                           versions), and per table: file, rows, bytes, SHA-256, field list (name, type)
    manifest.sig           Ed25519 signature of manifest.json by the sender's unit key
    data/<table>.jsonl     one JSON array per row, typed values (:mod:`gridcore.packages.codec`)

optionally wrapped in an envelope encrypted for the receiver (:mod:`gridcore.packages.envelope`).
It never holds SQL. Reading one (:mod:`gridcore.packages.reader`) refuses unsafe or unexpected members
and checks the signature and every hash before a database is touched.
"""
