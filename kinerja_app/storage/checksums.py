"""Check archived files against the SHA-256 recorded when they were archived."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from kinerja_app.errors import alasan_os
from kinerja_app.storage.files import sha256_file


class ProblemKind(Enum):
    """What is wrong with an archived file."""

    MISSING = "hilang"
    CHANGED = "berubah"
    UNREADABLE = "tidak-terbaca"
    ORPHAN = "tidak-tercatat"  # in the archive folder, but no row refers to it


@dataclass(frozen=True)
class FileProblem:
    """One archived file that no longer matches its record."""

    path: Path
    kind: ProblemKind
    message: str  # complete Indonesian sentence for the user


def check_files(entries: Iterable[tuple[Path, str]]) -> list[FileProblem]:
    """Compare each file's SHA-256 with the recorded one.

    Args:
        entries: ``(path, expected_sha256_hex)`` pairs, e.g. from the archive table.
    Returns:
        One :class:`FileProblem` per missing, changed or unreadable file; ``[]`` when all match.
    """
    problems: list[FileProblem] = []
    for path, expected in entries:
        if not path.is_file():
            problems.append(
                FileProblem(
                    path,
                    ProblemKind.MISSING,
                    f"Berkas arsip {path} tidak ditemukan. Kembalikan berkas itu dari cadangan "
                    "folder arsip, lalu jalankan pemeriksaan lagi.",
                )
            )
            continue
        try:
            actual = sha256_file(path)
        except OSError as exc:
            problems.append(
                FileProblem(
                    path,
                    ProblemKind.UNREADABLE,
                    f"Berkas arsip {path} tidak dapat dibaca ({alasan_os(exc)}). "
                    "Tutup program lain yang membukanya atau periksa izin folder, lalu coba lagi.",
                )
            )
            continue
        if actual != expected.strip().lower():
            problems.append(
                FileProblem(
                    path,
                    ProblemKind.CHANGED,
                    f"Isi berkas arsip {path} telah berubah sejak diarsipkan (sidik SHA-256 tidak "
                    "cocok). Jangan menyunting berkas di folder arsip; kembalikan berkas aslinya "
                    "dari cadangan.",
                )
            )
    return problems


def orphan_problems(paths: Iterable[Path], moved_to: Path) -> list[FileProblem]:
    """One problem per archive file no row refers to (a copy whose save never completed)."""
    return [
        FileProblem(
            path,
            ProblemKind.ORPHAN,
            f"Berkas {path} ada di folder arsip tetapi tidak tercatat di basis data (salinan dari "
            "penyimpanan yang gagal atau terputus). Saat aplikasi dibuka berikutnya berkas itu "
            f"dipindahkan ke {moved_to}; tidak ada data tercatat yang hilang.",
        )
        for path in paths
    ]
