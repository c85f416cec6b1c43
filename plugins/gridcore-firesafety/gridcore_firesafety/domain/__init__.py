"""Pure rules of the fire-safety grid (no database): dates, staffing, sanctions."""
