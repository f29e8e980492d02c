"""Keeping received and generated files in the period's archive folder, with checksums."""

from __future__ import annotations

import shutil
from pathlib import Path

from kinerja_app.db import archive_root
from kinerja_app.files import atomic_output, safe_filename, sha256_file, unique_path


def folder_periode(tahun: int, *parts: str) -> Path:
    """``<archive>/Tahun 2025/<parts...>``, created on demand; parts are made safe."""
    folder = archive_root() / f"Tahun {tahun}"
    for part in parts:
        folder = folder / safe_filename(part)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def simpan_salinan(source: Path, folder: Path, name: str | None = None) -> tuple[Path, str]:
    """Copy ``source`` atomically into ``folder`` under a safe, unique name.

    Returns:
        The archived path and its SHA-256.
    """
    target = unique_path(folder, safe_filename(name or source.name))
    with atomic_output(target) as out, source.open("rb") as src:
        shutil.copyfileobj(src, out)
    return target, sha256_file(target)
