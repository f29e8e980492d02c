"""A batch of letters is filled as if each were filled alone: the batch compiles the template's
parts and applies the page setup once, and nothing of one letter reaches the next."""

from __future__ import annotations

import io
import zipfile

from docx import Document
from docx.oxml.ns import qn

from kinerja_app.documents import render
from kinerja_app.documents.context import PageSetup
from tests.documents import samples


def test_a_batch_fills_each_letter_byte_for_byte_as_if_alone() -> None:
    items = render.items_surat_permintaan(samples.surat(draft=False), per_opd=True)
    contexts = [ctx for _, ctx in items]
    setup = PageSetup(paper="F4", margin_kiri=30)
    batch = render.render_bytes("surat_permintaan", contexts, setup)
    alone = [render.render_bytes("surat_permintaan", [ctx], setup)[0] for ctx in contexts]
    assert batch == alone
    assert len(set(batch)) == len(contexts)  # each letter its own addressee
    for data, penerima in zip(batch, samples.OPDS, strict=True):
        body = _body(data)
        assert penerima.jabatan_kepala in body
        assert not [o for o in samples.OPDS if o != penerima and o.jabatan_kepala in body]


def _body(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read("word/document.xml").decode()


def test_page_setup_reaches_the_rows_a_loop_repeats() -> None:
    """Applied once to the template, the setup still holds on every row the loop made."""
    (data,) = render.render_bytes(
        "buku_ekspedisi",
        [ctx for _, ctx in render.items_buku_ekspedisi(samples.buku())],
        PageSetup(landscape=True),
    )
    body = _body(data)
    assert body.count("{%") == 0 and body.count("{{") == 0
    doc = Document(io.BytesIO(data))
    table = max(doc.tables, key=lambda t: len(t.rows))  # the register, one row per letter
    rows = table._tbl.findall(qn("w:tr"))
    assert len(rows) >= len(samples.OPDS) + 1
    for row in rows:
        tr_pr = row.find(qn("w:trPr"))
        assert tr_pr is not None and tr_pr.find(qn("w:cantSplit")) is not None
    section = doc.sections[0]
    assert (section.page_width or 0) > (section.page_height or 0)  # landscape


def test_a_letter_is_written_as_saving_and_normalising_would() -> None:
    """Written once with stable entries, the bytes (and so the archive's SHA-256) are those of
    python-docx's save made stable by ``normalise_zip``."""
    from kinerja_app.documents.halaman import normalise_zip

    (name, ctx), *_ = render.items_surat_permintaan(samples.surat(draft=False), per_opd=True)
    path = render.template_path("surat_permintaan")
    tpl = render._load(path.read_bytes(), name)
    tpl.render(render._clean(ctx, tpl), render._environment(), autoescape=True)
    saved = io.BytesIO()
    tpl.save(saved)
    assert render._stable_bytes(tpl.docx) == normalise_zip(saved.getvalue())
    with zipfile.ZipFile(io.BytesIO(render._stable_bytes(tpl.docx))) as archive:
        assert {i.date_time for i in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
