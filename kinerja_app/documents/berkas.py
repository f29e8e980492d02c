"""Every paper of the SOP in one place, for the screens: each function produces its paper,
archives it with its number, date and SHA-256, and returns a :class:`Cetakan` to show.

Step 1 ``lembar_disposisi``; step 2–4 ``draf_surat``; step 5 ``surat_untuk_ditandatangani``,
``surat_permintaan``, ``nota_dinas``; step 6 ``format_isian``, ``surat_pengantar``,
``paket_distribusi``, ``buku_ekspedisi``, ``surat_perpanjangan``; step 7 ``surat_pengingat``;
step 8 ``surat_hasil_verifikasi``; steps 8–10 ``dokumen_rekapitulasi``.
"""

from kinerja_app.documents.berkas_batas import (
    surat_hasil_verifikasi,
    surat_pengingat,
    surat_perpanjangan,
)
from kinerja_app.documents.berkas_opd import (
    buku_ekspedisi,
    format_isian,
    paket_distribusi,
    surat_pengantar,
)
from kinerja_app.documents.berkas_rekap import dokumen_rekapitulasi, rekap_untuk_dokumen
from kinerja_app.documents.berkas_surat import (
    draf_surat,
    lembar_disposisi,
    nota_dinas,
    surat_permintaan,
    surat_untuk_ditandatangani,
)
from kinerja_app.documents.naskah import Cetakan, Naskah

__all__ = [
    "Cetakan",
    "Naskah",
    "buku_ekspedisi",
    "dokumen_rekapitulasi",
    "draf_surat",
    "format_isian",
    "lembar_disposisi",
    "nota_dinas",
    "paket_distribusi",
    "rekap_untuk_dokumen",
    "surat_hasil_verifikasi",
    "surat_pengantar",
    "surat_pengingat",
    "surat_permintaan",
    "surat_perpanjangan",
    "surat_untuk_ditandatangani",
]
