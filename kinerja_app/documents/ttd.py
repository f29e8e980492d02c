"""Who a letter of the Sekda speaks for, cheap to import: the printed papers and the letter
shown on screen take their kop and signature lines from here, so the two cannot disagree."""

from __future__ import annotations

from kinerja_app.admin import settings


def kepala_daerah() -> str:
    """ "BUPATI LAMANDAU", from the kop's "PEMERINTAH KABUPATEN LAMANDAU"."""
    pemerintah = str(settings.get("kop")["pemerintah"]).upper()
    return "BUPATI " + pemerintah.removeprefix("PEMERINTAH ").removeprefix("KABUPATEN ").strip()


def baris_sekda(*, an_bupati: bool) -> list[str]:
    """The lines above the Sekda's signature (Permendagri 1/2023 art. 44 (3))."""
    return ([f"a.n. {kepala_daerah()}"] if an_bupati else []) + ["SEKRETARIS DAERAH,"]


def instansi_kop(*, pemda: bool) -> str:
    """The unit line of the kop: none on the Pemerintah Daerah's own kop (a letter signed
    "a.n. Bupati"), the Sekretariat Daerah's on every other paper."""
    return "" if pemda else str(settings.get("kop")["instansi"])
