"""The demo: a database in ``demo/`` built with the real commands, for ``make demo``."""
