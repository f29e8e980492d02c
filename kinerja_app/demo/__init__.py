"""The demo period and its documents, built through the real services."""
