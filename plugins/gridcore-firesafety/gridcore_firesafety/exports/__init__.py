"""Files the fire-safety grid writes: the paper inspection form and the briefing (xlsx and text)."""
