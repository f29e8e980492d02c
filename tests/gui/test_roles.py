"""A user without the role cannot act: the button is disabled AND the service refuses."""

from __future__ import annotations

import pytest

from kinerja_app.errors import ActionRefused
from kinerja_app.storage.models import AuditLog
from kinerja_app.storage.models.surat import StatusSurat
from kinerja_app.workflow.paraf import asisten_paraf, kabag_paraf
from kinerja_app.workflow.rekap import ajukan_rekap
from kinerja_app.workflow.tandatangan import sekda_tandatangani


def refusals(aksi: str) -> int:
    return AuditLog.select().where((AuditLog.aksi == aksi) & (AuditLog.hasil == "ditolak")).count()


def test_tim_cannot_paraf_as_kabag(f, window_for):
    periode = f.periode()
    f.disposisi(periode)
    rancangan = f.draft(periode)
    w = window_for(f.tim)
    assert not w.kabag.paraf_button.isEnabled()
    assert "Kepala Bagian Organisasi" in w.kabag.paraf_button.toolTip()
    assert w.tabs.tabText(0).endswith("(lihat saja)")
    with pytest.raises(ActionRefused):
        kabag_paraf(f.tim, rancangan)
    assert refusals("paraf_kabag") == 1
    # the Kabag's own window has it enabled: the state is right, only the role was missing
    assert window_for(f.kabag).kabag.paraf_button.isEnabled()


def test_kabag_cannot_sign_or_paraf_as_asisten(f, window_for):
    periode = f.periode()
    f.disposisi(periode)
    rancangan = f.draft(periode)
    kabag_paraf(f.kabag, rancangan)
    w = window_for(f.kabag)
    w.tabs.setCurrentWidget(w.asisten)  # the Kabag looks at the Asisten's tab
    assert not w.asisten.paraf_button.isEnabled()
    with pytest.raises(ActionRefused):
        asisten_paraf(f.kabag, rancangan)
    assert refusals("paraf_asisten") == 1
    asisten_paraf(f.asisten, rancangan)
    w = window_for(f.kabag)
    w.tabs.setCurrentWidget(w.sekda)
    assert w.sekda.state.status_surat == StatusSurat.MENUNGGU_SEKDA
    assert not w.sekda.wet_button.isEnabled()
    with pytest.raises(ActionRefused):
        sekda_tandatangani(f.kabag, rancangan)
    assert refusals("sekda_tandatangani") == 1


def test_sekda_cannot_act_for_tim(f, window_for):
    periode = f.periode()
    f.distributed(periode, 1)
    w = window_for(f.sekda)
    for button in (
        w.tim.rekap_button,
        w.tim.manual_button,
        w.tim.distribusi.go_button,
        w.opd.manual_button,
    ):
        assert not button.isEnabled()
    with pytest.raises(ActionRefused):
        ajukan_rekap(f.sekda, periode, "analisa")
    assert refusals("ajukan_rekap") == 1


def test_admin_tab_only_for_admin(f, window_for):
    assert window_for(f.tim).admin is None
    assert window_for(f.admin).admin is not None
