"""One exception root for the core, split into what the user can fix and what is a bug."""

from __future__ import annotations

import errno

# The operating system's reasons in the users' words (its own strerror is English).
_ALASAN_OS = {
    errno.ENOENT: "berkas atau folder tidak ada",
    errno.EACCES: "tidak ada izin",
    errno.EPERM: "tidak ada izin",
    errno.ENOSPC: "ruang disk penuh",
    errno.EDQUOT: "kuota disk habis",
    errno.EROFS: "disk hanya dapat dibaca",
    errno.EISDIR: "itu sebuah folder, bukan berkas",
    errno.ENOTDIR: "bagian jalurnya bukan folder",
    errno.ENAMETOOLONG: "nama atau jalurnya terlalu panjang",
    errno.EEXIST: "sudah ada",
    errno.EBUSY: "sedang dipakai program lain",
    errno.ETXTBSY: "sedang dipakai program lain",
    errno.EIO: "kesalahan baca/tulis pada disk",
    errno.EMFILE: "terlalu banyak berkas terbuka",
    errno.ENOTEMPTY: "folder tidak kosong",
}


def alasan_os(exc: OSError) -> str:
    """Why the operating system refused, in Bahasa Indonesia ("tidak ada izin"); the system's
    own words only for a reason not listed here (Windows' sharing violation included)."""
    if getattr(exc, "winerror", None) in (32, 33):  # another program holds the file (Word, Excel)
        return "sedang dibuka program lain (mis. Word atau Excel)"
    if exc.errno in _ALASAN_OS:
        return _ALASAN_OS[exc.errno]
    return exc.strerror or str(exc) or type(exc).__name__


# SQLite's reasons (its messages are English), first match wins.
_ALASAN_SQLITE = (
    ("not a database", "bukan berkas basis data"),
    ("encrypted", "bukan berkas basis data"),
    ("malformed", "isi berkasnya rusak"),
    ("corrupt", "isi berkasnya rusak"),
    ("locked", "sedang dikunci program lain"),
    ("busy", "sedang dikunci program lain"),
    ("full", "ruang disk penuh"),
    ("readonly", "hanya dapat dibaca"),
    ("unable to open", "berkasnya tidak dapat dibuka"),
    ("disk i/o", "kesalahan baca/tulis pada disk"),
    ("no such table", "tabel yang diperlukan tidak ada"),
)


def alasan_sqlite(exc: BaseException) -> str:
    """Why SQLite refused, in Bahasa Indonesia; SQLite's own words only for a reason not listed."""
    text = str(exc).lower()
    for words, alasan in _ALASAN_SQLITE:
        if words in text:
            return alasan
    return str(exc) or type(exc).__name__


class KinerjaError(Exception):
    """Root of every error the core raises on purpose."""


class UserError(KinerjaError):
    """Something the user can fix; ``str(exc)`` is a complete Indonesian sentence for them."""


class ActionRefused(UserError):
    """An SOP action not allowed for this user or in this state (wrong role, wrong step)."""


class ValidationError(UserError):
    """Input that does not meet a rule (NIP, empty note, bad number...)."""


class NotFound(UserError):
    """A record the user referred to does not exist (any more)."""


class UnreadableFile(UserError):
    """A file that cannot be read as what it claims to be (corrupt, hostile, wrong type)."""


class TemplateError(UserError):
    """A Word template that cannot be filled (unknown placeholder, broken file)."""


class DatabaseProblem(UserError):
    """The database file cannot be used as it is (corrupt, locked, on a network share)."""


class DatabaseCorrupt(DatabaseProblem):
    """The database itself is damaged (physically or logically): restoring a backup is offered."""


class BugError(KinerjaError):
    """A state the code should never reach; logged with its traceback, never shown raw."""
