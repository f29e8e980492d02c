"""Trust features of the core: password hashes, login throttling, archive checksums."""
