"""An HTML approximation of the request letter for the live preview (not the printed .docx)."""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Sequence

from kinerja_app.admin import settings
from kinerja_app.documents.baku import sifat_teks
from kinerja_app.documents.diff import diff_text
from kinerja_app.documents.ttd import baris_sekda, instansi_kop
from kinerja_app.formatting import format_tanggal
from kinerja_app.workflow.rancangan import IsiSurat


def letter_html(
    isi: IsiSurat,
    kop: dict[str, str],
    *,
    tempat: str,
    penerima: Sequence[str],
    nomor: str = "…",
    penandatangan: str = "",
    tanggal: dt.date | None = None,
) -> str:
    """The letter as simple HTML: kop, number block, addressee, paragraphs, signature, tembusan;
    its kop and signature lines are the printed letter's (:mod:`kinerja_app.documents.ttd`)."""
    esc = html.escape
    an_bupati = bool(settings.get("an_bupati"))
    instansi = instansi_kop(pemda=an_bupati)
    kop_html = (
        f"<div style='text-align:center'><b>{esc(kop.get('pemerintah', ''))}</b><br>"
        + (f"<b style='font-size:15pt'>{esc(instansi)}</b><br>" if instansi else "")
        + f"<small>{esc(kop.get('alamat', ''))} {esc(kop.get('kode_pos', ''))} "
        f"Telp. {esc(kop.get('telepon', ''))} — {esc(kop.get('email', ''))}</small></div><hr>"
    )
    if isi.per_opd:
        kepada = "Kepala Perangkat Daerah (satu surat untuk setiap Perangkat Daerah)"
    else:
        kepada = "Kepala Perangkat Daerah (daftar terlampir)"
    head = (
        # a draft leaves its date open: the letter is dated when the Sekda signs it
        f"<p style='text-align:right'>{esc(tempat)}, "
        f"{esc(format_tanggal(tanggal)) if tanggal else '………………'}</p>"
        "<table>"
        f"<tr><td>Nomor</td><td>: {esc(nomor)}</td></tr>"
        f"<tr><td>Sifat</td><td>: {esc(sifat_teks(isi.sifat, isi.klasifikasi))}</td></tr>"
        f"<tr><td>Lampiran</td><td>: {esc(isi.lampiran)}</td></tr>"
        f"<tr><td>Hal</td><td>: <b>{esc(isi.hal)}</b></td></tr>"
        "</table>"
        f"<p>Yth. {esc(kepada)}<br>di –<br>&nbsp;&nbsp;&nbsp;&nbsp;Tempat</p>"
    )
    body = "".join(
        f"<p style='text-align:justify'>{esc(p)}</p>" for p in isi.paragraf_cetak() if p.strip()
    )
    deadline = f"<p><i>Batas waktu penyampaian: {esc(format_tanggal(isi.batas_waktu))}</i></p>"
    baris = "<br>".join(esc(b) for b in baris_sekda(an_bupati=an_bupati))
    sign = (
        f"<p style='margin-left:55%'>{baris}<br><br><br><br>"
        f"<b><u>{esc(penandatangan or '(nama Sekretaris Daerah)')}</u></b></p>"
    )
    tembusan = ""
    if isi.tembusan:
        items = "".join(f"<li>{esc(t)}</li>" for t in isi.tembusan if t.strip())
        tembusan = f"<p><u>Tembusan</u>:</p><ol>{items}</ol>"
    daftar = ""
    if not isi.per_opd and penerima:
        items = "".join(f"<li>{esc(n)}</li>" for n in penerima)
        daftar = f"<p><b>Lampiran: daftar penerima</b></p><ol>{items}</ol>"
    return f"<html><body style='font-family:Arial'>{kop_html}{head}{body}{deadline}{sign}{tembusan}{daftar}</body></html>"


def sekda_nama() -> str:
    """The name of the (first active) Sekretaris Daerah account, for the signature block."""
    from kinerja_app.admin.pengguna import pejabat
    from kinerja_app.storage.models.master import Role

    people = pejabat(Role.SEKDA)
    return str(people[0].nama) if people else ""


DIFF_STYLE = {
    "sama": "",
    "hapus": "background:#f8d7da;text-decoration:line-through",
    "tambah": "background:#d1e7dd",
}


def diff_html(old: IsiSurat, new: IsiSurat) -> str:
    """A readable word-level diff of two versions: removed words struck in red, added in green."""
    out = [
        f"<span style='{DIFF_STYLE[h.kind]}'>{html.escape(h.text)}</span>"
        if DIFF_STYLE[h.kind]
        else html.escape(h.text)
        for h in diff_text(old.as_text(), new.as_text())
    ]
    return "<p>" + "".join(out).replace("\n", "<br>") + "</p>"
