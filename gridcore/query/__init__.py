"""The query engine: exact (精确查询), contains (模糊查询) and combined (组合查询) queries over any entity.

Fields and operators come from the entity's metadata (an allow-list); values reach SQL only as bound
parameters.
"""

from gridcore.query.parse import parse_filter
from gridcore.query.spec import OPERATORS, And, Condition, Or, QuerySpec, Sort

__all__ = ["OPERATORS", "And", "Condition", "Or", "QuerySpec", "Sort", "parse_filter"]
