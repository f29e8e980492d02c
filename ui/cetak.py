"""The one door for papers: a screen asks the core for a paper (``kinerja_app.documents.berkas``),
says what was archived (number, date, SHA-256), then shows it: letters in the print preview,
other files in their program, or copies in a folder the user picks (to send as files).

Producing a paper is an audited write, so it goes through :meth:`ui.ops.Ops.run_action` and
announces an ``ARSIP`` change: the Arsip tab lists it at once and the window shows the note.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QWidget

from kinerja_app.errors import UserError, alasan_os
from kinerja_app.workflow.common import Area, Changes

from .context import UiContext

if TYPE_CHECKING:  # python-docx loads with the paper functions, not with the window
    from kinerja_app.documents.naskah import Cetakan, Naskah

    from .preview import PratinjauDialog


def berkas() -> Any:
    """The paper functions (``kinerja_app.documents.berkas``), imported when first used."""
    from kinerja_app.documents import berkas as module

    return module


def buat(
    ctx: UiContext, parent: QWidget | None, title: str, make: Callable[[], Cetakan]
) -> Cetakan | None:
    """Produce a paper through the one door; announce what was archived. ``None``: refused."""
    made: Cetakan | None = ctx.ops.run_action(parent, title, make)
    if made is not None:
        ctx.bus.changed.emit(Changes.of(Area.ARSIP, pesan=made.pesan, periode_id=ctx.periode_id))
    return made


def gabung(judul: str, *parts: Cetakan | None) -> Cetakan:
    """Several papers shown together (the signed letter and its nota dinas)."""
    from kinerja_app.documents.naskah import Cetakan

    return Cetakan(judul, tuple(n for part in parts if part is not None for n in part.naskah))


def tampilkan(
    ctx: UiContext,
    parent: QWidget | None,
    title: str,
    made: Cetakan,
    *,
    salinan: int = 1,
) -> PratinjauDialog | None:
    """Letters (.docx) in the print preview (window-modal, returned); anything else (a
    workbook, a packet) opens in its program, the folder named when there are several."""
    letters = [n for n in made.naskah if n.berkas.suffix.lower() == ".docx"]
    if letters:
        from .preview import PratinjauDialog

        dialog = PratinjauDialog(
            ctx,
            [n.berkas for n in letters],
            parent,
            title=title,
            naskah=letters,
            salinan=salinan,
        )
        dialog.open()
        return dialog
    paths = made.paths
    if paths:
        ctx.dialogs.open_url(paths[0])
        if len(paths) > 1:
            ctx.dialogs.info(
                parent, title, f"{len(paths)} berkas dibuat di folder {paths[0].parent}."
            )
    return None


def cetak(
    ctx: UiContext,
    parent: QWidget | None,
    title: str,
    make: Callable[[], Cetakan],
    *,
    salinan: int = 1,
) -> PratinjauDialog | None:
    """Produce a paper and show it (:func:`buat`, then :func:`tampilkan`)."""
    made = buat(ctx, parent, title, make)
    return tampilkan(ctx, parent, title, made, salinan=salinan) if made is not None else None


def simpan_ke_folder(
    ctx: UiContext, parent: QWidget | None, title: str, naskah: Sequence[Naskah]
) -> Path | None:
    """Copy archived papers into a folder the user picks (to send as files); the archive keeps
    its own copies. Returns the folder, or ``None`` when cancelled or refused."""
    if not naskah:
        return None
    folder = ctx.dialogs.open_folder(parent, title)
    if folder is None:
        return None
    pairs = [(n.berkas, folder / n.berkas.name) for n in naskah]
    existing = [target for _, target in pairs if target.exists()]
    if existing and not ctx.dialogs.confirm(
        parent,
        title,
        f"{len(existing)} berkas bernama sama sudah ada di {folder}. Timpa?",
        "Timpa",
    ):
        return None
    if ctx.ops.run_action(parent, title, salin, pairs) is None:
        return None
    ctx.dialogs.info(
        parent,
        title,
        f"{len(pairs)} berkas disimpan di folder {folder}:\n"
        + "\n".join(f"• {target.name}" for _, target in pairs[:12])
        + ("\n…" if len(pairs) > 12 else ""),
    )
    return folder


def salin(pairs: Sequence[tuple[Path, Path]]) -> int:
    """Copy files, turning a disk error into a sentence the user can act on."""
    for source, target in pairs:
        try:
            shutil.copyfile(source, target)
        except OSError as exc:
            raise UserError(
                f"{target.name} tidak dapat disimpan ke {target.parent} "
                f"({alasan_os(exc)}). Pilih folder lain atau tutup program yang membuka "
                "berkas itu."
            ) from exc
    return len(pairs)
