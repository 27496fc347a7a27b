"""Audit: an append-only, hash-chained log of who did what to whose data, never the content."""
