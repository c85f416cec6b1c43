"""Services: one function per use case; the same path for every face (CLI, web)."""
