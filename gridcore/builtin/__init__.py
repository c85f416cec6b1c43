"""The core's own features, contributed through the same hooks as any plugin."""
