"""Kinerja core: the SOP "Pengumpulan Data Kinerja" as a Qt-free service layer."""

__version__ = "0.1.0"

from kinerja_app.storage.pg_driver import import_peewee

import_peewee()  # before anything imports peewee: without the server driver (see there)
