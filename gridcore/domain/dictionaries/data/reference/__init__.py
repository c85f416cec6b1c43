"""Reference code lists for mapping imported legacy data; a package so that they ship as package data."""
