"""The command-line face: ``gridcore`` (click). Each command group lives in its own module."""
