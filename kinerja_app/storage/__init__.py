"""Storage: the one place that knows the database engine — opening, migrations, models, the audit chain, backups, health checks, archive files."""
