"""service: the watched folder, filing identity and pairing, SQLite history, e-mail."""
