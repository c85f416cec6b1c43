"""The manifest of a package: what it holds, who made it, and the hash of every data file (E1).

``manifest.json`` is checked against :data:`MANIFEST_SCHEMA` (a JSON Schema, draft 2020-12) by a small
built-in validator, after its signature has been verified and before anything else is read.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

from gridcore.packages.codec import TYPES, PackageError

FORMAT = "gridcore-package"
FORMAT_VERSION = 1
KINDS = ("backup", "report")
MANIFEST = "manifest.json"
SIGNATURE = "manifest.sig"
DATA_DIR = "data/"
TABLE_NAME = r"^[a-z][a-z0-9_]{0,62}$"
SHA256 = r"^[0-9a-f]{64}$"

_FIELD = {
    "type": "object",
    "required": ["name", "type"],
    "additionalProperties": False,
    "properties": {
        "name": {"type": "string", "pattern": r"^[A-Za-z_][A-Za-z0-9_]{0,62}$"},
        "type": {"enum": list(TYPES)},
    },
}
_TABLE = {
    "type": "object",
    "required": ["name", "file", "rows", "bytes", "sha256", "fields"],
    "additionalProperties": False,
    "properties": {
        "name": {"type": "string", "pattern": TABLE_NAME},
        "file": {"type": "string", "pattern": r"^data/[a-z][a-z0-9_]{0,62}\.jsonl$"},
        "rows": {"type": "integer", "minimum": 0},
        "bytes": {"type": "integer", "minimum": 0},
        "sha256": {"type": "string", "pattern": SHA256},
        "fields": {"type": "array", "items": _FIELD, "minItems": 1},
        "entity": {"type": ["string", "null"]},
        "key": {"type": "array", "items": {"type": "string"}},
    },
}
MANIFEST_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "gridcore package manifest",
    "type": "object",
    "required": [
        "format",
        "format_version",
        "kind",
        "package_id",
        "created_at",
        "sender",
        "sequence",
        "schema",
        "tables",
    ],
    "additionalProperties": False,
    "properties": {
        "format": {"const": FORMAT},
        "format_version": {"const": FORMAT_VERSION},
        "kind": {"enum": list(KINDS)},
        "package_id": {"type": "string", "pattern": r"^[0-9a-f]{32}$"},
        "created_at": {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}"},
        "sender": {
            "type": "object",
            "required": ["code", "name", "fingerprint"],
            "additionalProperties": False,
            "properties": {
                "code": {"type": "string", "pattern": r"^[A-Za-z0-9_-]{1,40}$"},
                "name": {"type": "string"},
                "fingerprint": {"type": "string", "pattern": r"^[0-9a-f]{16}$"},
            },
        },
        "sequence": {"type": "integer", "minimum": 0},
        "scope": {"type": ["string", "null"]},
        "source": {
            "type": "object",
            "properties": {"backend": {"type": "string"}, "gridcore": {"type": "string"}},
        },
        "schema": {
            "type": "object",
            "required": ["heads", "plugins"],
            "additionalProperties": False,
            "properties": {
                "heads": {"type": "object", "additionalProperties": {"type": "string"}},
                "plugins": {"type": "object", "additionalProperties": {"type": "string"}},
            },
        },
        "tables": {"type": "array", "items": _TABLE, "maxItems": 2000},
    },
}

_TYPES: dict[str, tuple[type, ...]] = {
    "object": (dict,),
    "array": (list,),
    "string": (str,),
    "integer": (int,),
    "null": (type(None),),
    "boolean": (bool,),
}


def _type_ok(value: Any, wanted: str | list[str]) -> bool:
    names = [wanted] if isinstance(wanted, str) else wanted
    for name in names:
        if name == "integer" and isinstance(value, bool):
            continue
        if isinstance(value, _TYPES[name]):
            return True
    return False


def validate(value: Any, schema: Mapping[str, Any] = MANIFEST_SCHEMA, path: str = "manifest") -> None:
    """Check ``value`` against the subset of JSON Schema used here; the first problem is one line."""

    def fail(why: str) -> None:
        raise PackageError(f"清单 manifest.json 无效: {path} {why} (manifest does not match its schema)")

    if "const" in schema and value != schema["const"]:
        fail(f"应为 {schema['const']!r}")
    if "enum" in schema and value not in schema["enum"]:
        fail(f"应为 {schema['enum']} 之一")
    if "type" in schema and not _type_ok(value, schema["type"]):
        fail(f"类型应为 {schema['type']}")
    if isinstance(value, str) and "pattern" in schema and not re.search(schema["pattern"], value):
        fail("格式不对")
    if isinstance(value, int) and "minimum" in schema and value < schema["minimum"]:
        fail(f"不能小于 {schema['minimum']}")
    if isinstance(value, list):
        if len(value) < schema.get("minItems", 0) or len(value) > schema.get("maxItems", len(value)):
            fail("条目数超出范围")
        for index, item in enumerate(value):
            validate(item, schema.get("items", {}), f"{path}[{index}]")
    if isinstance(value, dict):
        for name in schema.get("required", []):
            if name not in value:
                fail(f"缺少 {name}")
        properties = schema.get("properties", {})
        extra = schema.get("additionalProperties", True)
        for name, item in value.items():
            if name in properties:
                validate(item, properties[name], f"{path}.{name}")
            elif extra is False:
                fail(f"有未知的项 {name}")
            elif isinstance(extra, dict):
                validate(item, extra, f"{path}.{name}")


def parse(raw: bytes) -> dict[str, Any]:
    """The manifest's bytes as a checked document, with unique table names and file names."""
    try:
        document = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise PackageError("清单 manifest.json 不是有效的 JSON (malformed manifest)") from None
    validate(document)
    names = [table["name"] for table in document["tables"]]
    if len(set(names)) != len(names):
        raise PackageError("清单 manifest.json 中有重复的表 (duplicate table)")
    for table in document["tables"]:
        if table["file"] != data_file(table["name"]):
            raise PackageError(f"清单中表 {table['name']} 的文件名应为 {data_file(table['name'])}")
        fields = [field["name"] for field in table["fields"]]
        if len(set(fields)) != len(fields):
            raise PackageError(f"清单中表 {table['name']} 有重复的字段 (duplicate field)")
    return dict(document)


def data_file(table: str) -> str:
    return f"{DATA_DIR}{table}.jsonl"


def dumps(document: Mapping[str, Any]) -> bytes:
    validate(document)
    return (json.dumps(document, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8")
