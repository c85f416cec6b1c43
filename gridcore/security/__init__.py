"""Security: operators and permission groups, passwords and the policy, sessions' actors, masking, the
hash-chained audit log and the deployment checks (security.md A, C, L, P and D goals).

The services that use them live in :mod:`gridcore.services` (``sessions``, ``operators``, ``audit``,
``scope``); the CLI's permission guard is :mod:`gridcore.cli.permissions`.
"""
