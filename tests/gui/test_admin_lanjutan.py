"""Advanced settings: a custom template is checked before it is stored; the predikat scale applies."""

from __future__ import annotations

from docx import Document

from PySide6.QtCore import Qt

from kinerja_app.admin import settings
from kinerja_app.documents.render import TEMPLATE_DIR


def test_unknown_placeholder_in_custom_template_is_refused_and_nothing_stored(
    f, window_for, qtbot, tmp_path
):
    window = window_for(f.admin)
    page = window.admin.lanjutan
    page.refresh()
    bad = tmp_path / "surat.docx"
    bad.write_bytes((TEMPLATE_DIR / "surat_permintaan.docx").read_bytes())
    doc = Document(str(bad))
    doc.add_paragraph("{{ nomor_hp_kabag }}")
    doc.save(str(bad))
    page.templates["surat_permintaan"].setText(str(bad))
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    kind, _title, text = window.ctx.dialogs.messages[-1]
    assert kind == "warning" and "nomor_hp_kabag" in text
    assert settings.get("template_kustom") == {}


def test_predikat_scale_and_idle_minutes_saved(f, window_for, qtbot):
    window = window_for(f.admin)
    page = window.admin.lanjutan
    page.refresh()
    page.nama[0].setText("Istimewa")
    page.kunci.setValue(30)
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert settings.get("kunci_layar_menit") == 30
    assert settings.get("predikat")[0][1] == "Istimewa"
    from kinerja_app.rekap.rekapitulasi import skala_predikat

    assert skala_predikat()[0].nama == "Istimewa"
