"""HTML for the detail panes: the letter's current version, its history, the recap, an OPD."""

from __future__ import annotations

import datetime as dt
import html

from kinerja_app.admin import settings
from kinerja_app.formatting import format_angka, format_persen, format_tanggal, format_tanggal_waktu
from kinerja_app.jadwal.tugas import MENUNGGU_PERBAIKAN, Tugas
from kinerja_app.queries import rekap as q_rekap
from kinerja_app.queries import surat as q_surat
from kinerja_app.queries.master import daftar_opd
from kinerja_app.queries.pengumpulan import get_pengumpulan, riwayat_opd
from kinerja_app.queries.riwayat import Peristiwa
from kinerja_app.storage.models import Periode
from kinerja_app.storage.models.master import Role
from kinerja_app.storage.models.rekap import StatusRekap
from kinerja_app.storage.models.surat import StatusSurat
from kinerja_app.workflow.rekap import berubah_sejak, opd_berubah

from .letter import diff_html, letter_html, sekda_nama

esc = html.escape
BISA_BASI = (StatusRekap.DIAJUKAN, StatusRekap.DISETUJUI)  # versions still to be acted upon


def history_html(events: list[Peristiwa]) -> str:
    """A history list; a paper act shows "dicatat oleh <staff>"."""
    if not events:
        return "<p><i>Belum ada riwayat.</i></p>"
    items = []
    for e in events:
        who = esc(e.oleh)
        if e.manual:
            who += f" <span style='color:#8a6d3b'>(dicatat oleh {esc(e.dicatat_oleh)})</span>"
        note = f"<br><i>{esc(e.catatan)}</i>" if e.catatan else ""
        items.append(
            f"<li><b>{esc(format_tanggal_waktu(e.waktu))}</b> — {esc(e.judul)}; {who}{note}</li>"
        )
    return "<ul>" + "".join(items) + "</ul>"


def surat_html(periode: Periode, role: Role | None = None) -> str:
    """The letter's status, returned notes, current version rendered, and its history.

    For an official (``role``), what changed since the version they last initialled or
    returned comes first, next to the notes.
    """
    disp = q_surat.disposisi_terakhir(periode)
    parts = []
    if disp is None:
        parts.append("<p>Belum ada disposisi Kabag untuk periode ini (langkah 1).</p>")
    else:
        parts.append(
            f"<h3>Disposisi</h3><p><b>{esc(disp.hal)}</b> — {esc(disp.isi)}<br>"
            f"Sifat: {esc(disp.sifat)}; diteruskan kepada {esc(disp.diteruskan_kepada)}; "
            f"{esc(format_tanggal(disp.waktu))}</p>"
        )
    surat = q_surat.surat_periode(periode)
    latest = q_surat.rancangan_terakhir(periode)
    if surat is not None and latest is not None:
        parts.append(f"<h3>Surat permintaan — {esc(StatusSurat(surat.status).label)}</h3>")
        returned = q_surat.pengembalian(latest)
        for r in returned:
            parts.append(
                f"<p style='background:#fff3cd'>Catatan pengembalian ({esc(r.oleh.nama)}): {esc(r.catatan)}</p>"
            )
        seen = q_surat.versi_terakhir_diperiksa(periode, role.value) if role else None
        if seen is not None and seen.id != latest.id:
            parts.append(
                f"<h4>Perubahan sejak versi {seen.versi} yang terakhir Anda periksa</h4>"
                + diff_html(q_surat.isi(seen), q_surat.isi(latest))
            )
            for r in q_surat.pengembalian(seen):
                parts.append(
                    f"<p style='background:#fff3cd'>Catatan Anda pada versi {seen.versi}: {esc(r.catatan)}</p>"
                )
        ttd = q_surat.tanda_tangan(periode)
        nomor = ttd.surat_keluar.nomor if ttd else "…"
        penerima = [o.nama for o in daftar_opd(aktif_saja=True)]
        parts.append(
            f"<p><b>Versi {latest.versi}</b> oleh {esc(latest.dibuat_oleh.nama)}, "
            f"{esc(format_tanggal_waktu(latest.dibuat_pada))}</p>"
        )
        body = letter_html(
            q_surat.isi(latest),
            settings.get("kop"),
            tempat=settings.get("tempat_surat"),
            penerima=penerima,
            nomor=nomor,
            penandatangan=sekda_nama(),
            tanggal=ttd.tanggal if ttd else None,
        )
        inner = body.split("<body", 1)[1].split(">", 1)[1].rsplit("</body>", 1)[0]
        parts.append(f"<div style='border:1px solid #ccc; padding:6px'>{inner}</div>")
    parts.append("<h3>Riwayat</h3>" + history_html(q_surat.riwayat_surat(periode)))
    return "".join(parts)


def rekap_html(periode: Periode) -> str:
    """The recap versions with the Tim's analysis and the Kabag's input."""
    rows = q_rekap.daftar_rekap(periode)
    if not rows:
        return "<p>Belum ada rekapitulasi yang diajukan.</p>"
    parts = []
    unlocks = q_rekap.buka_kunci(periode)
    for i, r in enumerate(rows):
        newer = rows[i - 1].dibuat_pada if i else None  # newest first
        summary = q_rekap.ringkasan_snapshot(r)
        parts.append(
            f"<h3>Rekapitulasi versi {r.versi} — {esc(StatusRekap(r.status).label)}</h3>"
            f"<p>Diharapkan {summary.get('diharapkan', 0)}, diterima {summary.get('diterima', 0)}, "
            f"tepat waktu {summary.get('tepat_waktu', 0)}, terverifikasi {summary.get('terverifikasi', 0)}.</p>"
            f"<p><b>Analisa Tim:</b> {esc(r.analisa)}</p>"
        )
        latest = r.id == rows[0].id  # newest first
        changed = opd_berubah(r) if latest and r.status in BISA_BASI else []
        if changed:
            parts.append(
                f"<p style='background:#f8d7da'><b>{esc(berubah_sejak(r, changed))}.</b> "
                "Angka versi ini tidak lagi sama dengan data saat ini.</p>"
            )
        belum = q_rekap.belum_lengkap_snapshot(r)
        if belum:
            names = ", ".join(esc(o["opd"]) for o in belum.get("opd", []))
            parts.append(
                f"<p style='background:#fff3cd'>Diajukan dengan {len(belum.get('opd', []))} "
                f"Perangkat Daerah belum lengkap ({names}). Alasan Tim: "
                f"{esc(belum.get('alasan', ''))}</p>"
            )
        for rv in q_rekap.review(r):
            verdict = "Disetujui" if rv.setuju else "Dikembalikan"
            recorder = (
                f" (dicatat oleh {esc(rv.dicatat_oleh.nama)})"
                if rv.dicatat_oleh.id != rv.oleh.id
                else ""
            )
            parts.append(
                f"<p style='background:#eef'>{verdict} oleh {esc(rv.oleh.nama)}{recorder}, "
                f"{esc(format_tanggal_waktu(rv.waktu))}: {esc(rv.catatan)}</p>"
            )
        for u in unlocks:  # the version final then went back to the Tim with the period
            if u.waktu >= r.dibuat_pada and (newer is None or u.waktu < newer):
                parts.append(
                    f"<p style='background:#fff3cd'>Periode dibuka kembali oleh {esc(u.oleh)}, "
                    f"{esc(format_tanggal_waktu(u.waktu))}; rekap versi {r.versi} kembali ke "
                    f"Tim Kinerja. Alasan: {esc(u.alasan)}</p>"
                )
    return "".join(parts)


def tagihan_html(tasks: list[Tugas], pada: dt.datetime) -> str:
    """The OPDs the Tim must chase: who, since when they had the letter, the deadline missed."""
    if not tasks:
        return "<p>Tidak ada Perangkat Daerah yang terlambat.</p>"
    rows = []
    for t in tasks:
        p = get_pengumpulan(t.objek_id) if t.objek_id else None
        if p is None:
            continue
        kind = "perbaikan" if t.jenis == MENUNGGU_PERBAIKAN else "data"
        days = max(0, (pada - t.jatuh_tempo).days)
        rows.append(
            f"<tr><td>{esc(p.opd.nama)}</td><td>{kind}</td>"
            f"<td>{esc(format_tanggal_waktu(p.surat_diterima_pada))}</td>"
            f"<td>{esc(format_tanggal_waktu(t.jatuh_tempo))}</td>"
            f"<td align=right>{days}</td></tr>"
        )
    return (
        f"<h3>{len(rows)} Perangkat Daerah lewat batas waktu</h3>"
        "<p>Tombol <b>Surat pengingat ke OPD terlambat…</b> menyiapkan surat pengingat untuk "
        "semuanya sekaligus: cetak untuk ditandatangani, catat terbit (nomor dan tanggal), "
        "lalu cetak surat yang terbit.</p>"
        "<table border=1 cellspacing=0 cellpadding=3><tr><th>Perangkat Daerah</th>"
        "<th>Ditunggu</th><th>Surat diterima</th><th>Batas waktu</th><th>Hari lewat</th></tr>"
        + "".join(rows)
        + "</table>"
    )


def perbaikan_html(task: Tugas) -> str:
    """An OPD asked to correct its data: the note sent and the new deadline."""
    p = get_pengumpulan(task.objek_id) if task.objek_id else None
    if p is None:
        return ""
    return (
        f"<h3>{esc(p.opd.nama)} — menunggu perbaikan data</h3>"
        f"<p>Batas perbaikan: <b>{esc(format_tanggal_waktu(task.jatuh_tempo))}</b>"
        f" (dikembalikan {esc(format_tanggal_waktu(task.sejak))}).</p>"
        f"<p style='background:#fff3cd'>Catatan perbaikan: {esc(p.catatan or '-')}</p>"
        "<h4>Riwayat</h4>" + history_html(riwayat_opd(p))
    )


def angka(value: float | None) -> str:
    """A number for a cell: "85,50", or empty."""
    return format_angka(value)


def persen(value: float | None) -> str:
    """A percentage for a cell: "97,80%", or "–"."""
    return format_persen(value)
