"""Kinerja's Qt layer: windows, tabs, dialogs and table models over the core's services."""
