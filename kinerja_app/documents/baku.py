"""The standard lists of tata naskah dinas (Permendagri 1/2023) that forms and letters share.

Kept apart from :mod:`kinerja_app.documents.context` (the letters' data classes) so that a form
offering these choices loads nothing else: the main window imports it before its first paint.
"""

from __future__ import annotations

# Sifat of a naskah dinas (tata naskah dinas): how fast it must be handled, and how it is kept
SIFAT = ("Biasa", "Segera", "Sangat Segera")
KLASIFIKASI = ("Biasa", "Terbatas", "Rahasia")
# "Dengan hormat harap" of the lembar disposisi: the instructions the official ticks
HARAP = (
    "Tanggapan dan saran",
    "Proses lebih lanjut",
    "Koordinasikan/konfirmasikan",
    "Untuk diketahui",
    "Arsip",
)
# where the request letter's body prints its deadline; replaced by the date in the field
TANDA_BATAS = "{batas_waktu}"


def sifat_teks(sifat: str, klasifikasi: str = "Biasa") -> str:
    """The "Sifat" line: "Segera", or "Segera; Terbatas" for a classified letter."""
    return sifat if klasifikasi in ("", "Biasa") else f"{sifat}; {klasifikasi}"
