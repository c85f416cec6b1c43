"""Default dictionary data files, one TOML file per dictionary (a package, so they ship as package data)."""
