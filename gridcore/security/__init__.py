"""Security: operators, password hashing and policy (permissions and audit grow here)."""
