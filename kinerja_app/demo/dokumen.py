"""``python main.py demo-docs DIR``: every document of the demo period, for a look or a print."""

from __future__ import annotations

import tempfile
from pathlib import Path

from kinerja_app.demo.periode import build_demo
from kinerja_app.documents import berkas_surat
from kinerja_app.documents.pdf import find_soffice
from kinerja_app.storage.db import close_database
from kinerja_app.storage.models import Disposisi, Periode, Rancangan


def write_demo_documents(out_dir: Path) -> list[Path]:
    """Build the demo period in a temporary database and write all its documents into ``out_dir``.

    Returns:
        Every file written (.docx, .xlsx, and .pdf where LibreOffice is installed).
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="kinerja-demo-") as tmp:
        build_demo(Path(tmp) / "demo.db")
        try:
            periode = Periode.get()
            latest = Rancangan.select().order_by(Rancangan.versi.desc()).first()
            docs = [berkas_surat.cetak_disposisi(Disposisi.get(), out_dir / "1 Disposisi")]
            docs += berkas_surat.cetak_rancangan(
                latest, final=False, out_dir=out_dir / "2 Draf surat"
            )
            docs += berkas_surat.cetak_rancangan(
                latest, final=True, out_dir=out_dir / "5 Surat permintaan"
            )
            docs += berkas_surat.cetak_pengantar(periode, out_dir=out_dir / "6 Surat pengantar")
            docs.append(berkas_surat.cetak_buku_ekspedisi(periode, out_dir / "6 Surat pengantar"))
            docs += berkas_surat.cetak_pengingat(periode, out_dir=out_dir / "7 Surat pengingat")
            docs.append(berkas_surat.cetak_rekap(periode, out_dir=out_dir / "8 Rekapitulasi"))
            books = berkas_surat.format_isian(periode, out_dir=out_dir / "6 Format isian")
        finally:
            close_database()
    pdfs: list[Path] = []
    if find_soffice() is not None:
        by_folder: dict[Path, list[Path]] = {}
        for doc in docs:
            by_folder.setdefault(doc.parent, []).append(doc)
        for folder, files in by_folder.items():
            pdfs += berkas_surat.ke_pdf(files, folder)
    return [*docs, *books, *pdfs]
