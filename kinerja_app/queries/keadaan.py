"""Where a period stands, in one read, so the screens can enable exactly the open actions."""

from __future__ import annotations

from dataclasses import dataclass

from kinerja_app.queries.pengumpulan import baris_opd
from kinerja_app.queries.rekap import rekap_terakhir
from kinerja_app.queries.surat import disposisi_terakhir, rancangan_terakhir, surat_periode
from kinerja_app.storage.models import Periode, Rancangan, Rekap
from kinerja_app.storage.models.pengumpulan import StatusOpd
from kinerja_app.storage.models.rekap import StatusRekap
from kinerja_app.storage.models.surat import StatusSurat


@dataclass(frozen=True)
class Keadaan:
    """A period's state as the action buttons need it."""

    periode: Periode
    ada_disposisi: bool
    status_surat: StatusSurat | None
    rancangan: Rancangan | None
    belum_dikirimi: int
    data_masuk: int
    menunggu_verifikasi: int
    rekap: Rekap | None

    @property
    def terkunci(self) -> bool:
        """Whether the period is archived and locked."""
        return bool(self.periode.terkunci)

    @property
    def status_rekap(self) -> StatusRekap | None:
        """The newest recap version's status."""
        return StatusRekap(self.rekap.status) if self.rekap else None

    def surat_menunggu(self, status: StatusSurat) -> bool:
        """Whether the letter waits in ``status`` (and the period is open)."""
        return not self.terkunci and self.status_surat == status


def keadaan(periode: Periode) -> Keadaan:
    """Read the period's state."""
    surat = surat_periode(periode)
    rows = baris_opd(periode)
    return Keadaan(
        periode=periode,
        ada_disposisi=disposisi_terakhir(periode) is not None,
        status_surat=StatusSurat(surat.status) if surat else None,
        rancangan=rancangan_terakhir(periode),
        belum_dikirimi=sum(1 for r in rows if r.status == StatusOpd.BELUM_DIKIRIMI),
        data_masuk=sum(1 for r in rows if r.data_masuk_pada is not None),
        menunggu_verifikasi=sum(1 for r in rows if r.status == StatusOpd.DATA_MASUK),
        rekap=rekap_terakhir(periode),
    )
