"""The plugin framework: identity, hook specifications, loading and the typed hook facade."""
