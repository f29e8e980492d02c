"""Kinerja core: the SOP "Pengumpulan Data Kinerja" as a Qt-free service layer."""

__version__ = "0.1.0"
