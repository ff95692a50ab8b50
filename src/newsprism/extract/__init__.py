"""Per-article extraction: entities, quotes, dates, quantities and events."""
