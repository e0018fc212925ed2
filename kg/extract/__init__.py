"""One module per kind of fact; each exposes pure functions (text + zones in, facts with spans out)."""
