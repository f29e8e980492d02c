"""``python main.py demo-docs DIR``: every paper of the demo period, for a look or a print.

Each paper is produced by the same core function the app's buttons call (so it is also in the
demo archive with its number, date and SHA-256), then copied into ``DIR`` by SOP step.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from kinerja_app.demo.periode import build_demo
from kinerja_app.documents import berkas_batas, berkas_opd, berkas_rekap, berkas_surat, render
from kinerja_app.documents.naskah import Cetakan, page_setup
from kinerja_app.documents.pdf import find_soffice, ke_pdf
from kinerja_app.storage.db import close_database
from kinerja_app.storage.models import (
    BatasOpd,
    Disposisi,
    Pengumpulan,
    Periode,
    Rancangan,
    User,
)
from kinerja_app.storage.models.surat import JenisBatas


def semua_naskah(user: User, periode: Periode) -> list[tuple[str, Callable[[], Cetakan]]]:
    """Every paper of a period that exists in its current state, by the step it belongs to."""
    versions = list(Rancangan.select().order_by(Rancangan.versi))
    returned = BatasOpd.select().where(BatasOpd.jenis == JenisBatas.PERBAIKAN.value).first()
    extended = BatasOpd.select().where(BatasOpd.jenis == JenisBatas.PERPANJANGAN.value).first()
    papers: list[tuple[str, Callable[[], Cetakan]]] = [
        ("1 Disposisi", lambda: berkas_surat.lembar_disposisi(user, Disposisi.get())),
        *[("2 Draf surat", lambda r=r: berkas_surat.draf_surat(user, r)) for r in versions],
        ("7 Surat pengingat", lambda: berkas_batas.surat_pengingat(user, periode, konsep=True)),
        ("5 Surat permintaan", lambda: berkas_surat.surat_permintaan(user, periode)),
        ("5 Surat permintaan", lambda: berkas_surat.nota_dinas(user, periode)),
        ("6 Distribusi", lambda: berkas_opd.paket_distribusi(user, periode)),
        ("6 Distribusi", lambda: berkas_opd.buku_ekspedisi(user, periode)),
        ("7 Surat pengingat", lambda: berkas_batas.surat_pengingat(user, periode)),
        ("8 Rekapitulasi", lambda: berkas_rekap.dokumen_rekapitulasi(user, periode)),
    ]
    if extended is not None:
        papers.append(
            ("6 Distribusi", lambda: berkas_batas.surat_perpanjangan(user, extended.pengumpulan))
        )
    if returned is not None:
        papers.append(
            (
                "8 Hasil verifikasi",
                lambda: berkas_batas.surat_hasil_verifikasi(user, returned.penyampaian),
            )
        )
    return papers


def _rekap_final(periode: Periode) -> list[Path]:
    """Take the (throw-away) demo period through steps 8–9 and print the approved recap."""
    from kinerja_app import clock
    from kinerja_app.queries.pengumpulan import belum_dikirimi
    from kinerja_app.storage.models import Rekap
    from kinerja_app.workflow.distribusi import TandaTerima, distribusikan
    from kinerja_app.workflow.rekap import ajukan_rekap, review_rekap

    tim, kabag = User.get(User.username == "rina"), User.get(User.username == "kabag")
    # a recap covers every OPD: the letter reaches the ones the demo left for step 6 first
    rest = [TandaTerima(p.id, "Staf Tata Usaha", clock.now()) for p in belum_dikirimi(periode)]
    if rest:
        distribusikan(tim, periode, rest)
    rekap = Rekap.get_by_id(
        ajukan_rekap(
            tim,
            periode,
            "Dua OPD terlambat; tiga belum mengirim data.",
            alasan_belum_lengkap="Rekap sementara untuk telaah Kabag; OPD yang belum lengkap ditagih.",
        ).objek_id
    )
    review_rekap(kabag, rekap, True, "Setuju; ingatkan kembali OPD yang belum mengirim.")
    return berkas_rekap.dokumen_rekapitulasi(tim, periode, Rekap.get_by_id(rekap.id)).paths


def write_demo_documents(out_dir: Path) -> list[Path]:
    """Build the demo period in a temporary database and write all its papers into ``out_dir``.

    Returns:
        Every file written (.docx, .xlsx, .zip, and .pdf where LibreOffice is installed).
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    with tempfile.TemporaryDirectory(prefix="kinerja-demo-") as tmp:
        build_demo(Path(tmp) / "demo.db")
        try:
            user = User.get(User.username == "rina")
            periode = Periode.get()
            assert Pengumpulan.select().exists()
            for folder, make in semua_naskah(user, periode):
                target = out_dir / folder
                target.mkdir(parents=True, exist_ok=True)
                for naskah in make().naskah:
                    copy = target / naskah.berkas.name
                    if not copy.exists():
                        shutil.copyfile(naskah.berkas, copy)
                        written.append(copy)
            # the recap reported to the Kabag and approved, to show the final Dokumen Rekapitulasi
            for made in _rekap_final(periode):
                copy = out_dir / "9 Rekapitulasi final" / made.name
                copy.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(made, copy)
                written.append(copy)
            # the copy the Sekda signed, as it looked before the register gave it a number
            signed = Rancangan.select().order_by(Rancangan.versi.desc()).get()
            ctx = berkas_surat.surat_context(signed, berkas_surat.TANDA_TANGAN)
            written += render.render_surat_permintaan(
                ctx, out_dir / "5 Surat permintaan", per_opd=False, page_setup=page_setup()
            )
        finally:
            close_database()
    pdfs: list[Path] = []
    if find_soffice() is not None:
        by_folder: dict[Path, list[Path]] = {}
        for path in written:
            if path.suffix in (".docx", ".xlsx"):
                by_folder.setdefault(path.parent, []).append(path)
        for where, files in by_folder.items():
            pdfs += ke_pdf(files, where)
    return [*written, *pdfs]
