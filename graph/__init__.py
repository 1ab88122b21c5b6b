"""The graph layer: the schema (single source of truth), the store protocol and its two implementations."""
