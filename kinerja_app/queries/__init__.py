"""Read-only queries the Qt layer needs; the UI never builds peewee queries itself."""
