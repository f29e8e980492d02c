"""What the administrator keeps: accounts and passwords, the OPD list and holidays, settings."""
