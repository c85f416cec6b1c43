"""The use cases of the fire-safety grid: one function per use case, called by every face."""
