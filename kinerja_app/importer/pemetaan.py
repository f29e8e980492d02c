"""Remembered column mappings: what the Tim confirmed for one OPD's layout, applied the next
time a file of that layout comes from that OPD (with a visible note).

Rows the Tim excluded or included are remembered by their text ("(1)|(2)|(3)", "rata-rata
capaian ..."), not by number, so next period's file with more indicators still matches.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from kinerja_app.formatting import format_tanggal
from kinerja_app.importer.data import ColumnMapping, WorkbookData
from kinerja_app.importer.grid import Book, Sheet
from kinerja_app.importer.layout import YEAR
from kinerja_app.importer.reader import header_top, read_again, sidik
from kinerja_app.importer.rows import row_signature
from kinerja_app.storage import audit
from kinerja_app.storage.models import PemetaanKolom, PerangkatDaerah, User
from kinerja_app.storage.models.master import Role
from kinerja_app.workflow.common import refuse, require_role


@dataclass(frozen=True)
class Ingatan:
    """A remembered mapping as plain data (safe to hand to a worker thread)."""

    opd_kode: str
    sidik: str
    lembar: str | None
    baris_judul: int
    kolom: dict[str, str]
    kecualikan: tuple[str, ...]
    sertakan: tuple[str, ...]
    triwulan: str | None
    dicatat_oleh: str
    dicatat_pada: str


def _sheet(book: Book, name: str | None) -> Sheet | None:
    sheets = [s for s in book.sheets if not s.title.startswith("_")]
    found = next((s for s in sheets if s.title == name), None)
    return found or next((s for s in sheets if not s.hidden), None)


def _rows_by_signature(sheet: Sheet, start: int, signatures: Iterable[str]) -> frozenset[int]:
    wanted = set(signatures)
    if not wanted:
        return frozenset()
    return frozenset(
        r + 1 for r in range(start, len(sheet.rows)) if row_signature(sheet.rows[r]) in wanted
    )


def _lembar_tahun(book: Book, name: str | None, tahun: int | None) -> str | None:
    """The sheet to look for: a remembered sheet named by another year ("2024", "IKU 2024")
    stands for the evaluated year's sheet of the same name when the file has one ("2025");
    ``None`` when the file has a sheet of the evaluated year but not under that name, so that
    the reader's own sheet choice decides instead of last year's sheet being read."""
    year = YEAR.search(name) if name and tahun else None
    if name is None or year is None or int(year.group(1)) == tahun:
        return name
    titles = {s.title for s in book.sheets}
    same = name[: year.start()] + str(tahun) + name[year.end() :]
    if same in titles:
        return same
    this_year = any(str(tahun) in YEAR.findall(t) for t in titles)
    return None if this_year else name


def cocok(book: Book, ingatan: Ingatan, tahun: int | None = None) -> ColumnMapping | None:
    """The mapping for ``book`` when its layout is the remembered one, else ``None``
    (``tahun``: the evaluated year, see :func:`_lembar_tahun`)."""
    if ingatan.lembar is not None and tahun is not None:
        lembar = _lembar_tahun(book, ingatan.lembar, tahun)
        if lembar is None:
            return None
        ingatan = replace(ingatan, lembar=lembar)
    sheet = _sheet(book, ingatan.lembar)
    if sheet is None:
        return None
    bottom = ingatan.baris_judul - 1
    if sidik(sheet, header_top(sheet, bottom), bottom) != ingatan.sidik:
        return None
    return ColumnMapping(
        ingatan.baris_judul,
        dict(ingatan.kolom),
        sheet=sheet.title,
        excluded=_rows_by_signature(sheet, bottom + 1, ingatan.kecualikan),
        included=_rows_by_signature(sheet, bottom + 1, ingatan.sertakan),
        triwulan=ingatan.triwulan,
    )


def terapkan(
    data: WorkbookData, ingatan: Sequence[Ingatan], tahun: int | None
) -> WorkbookData | None:
    """``data`` read again with the first remembered mapping its layout matches, or ``None``.

    Args:
        data: the workbook as read without a mapping (its grids are reused).
        ingatan: the OPD's remembered mappings.
        tahun: the year being evaluated.
    """
    if data.book is None:
        return None
    for item in ingatan:
        mapping = cocok(data.book, item, tahun)
        if mapping is not None:
            catatan = (
                f"Pemetaan kolom yang diingat untuk OPD ini dipakai (dikonfirmasi "
                f"{item.dicatat_oleh}, {item.dicatat_pada})."
            )
            return read_again(
                data.book, mapping=mapping, tahun=tahun, sumber="diingat", catatan=catatan
            )
    return None


def muat_ingatan() -> dict[str, tuple[Ingatan, ...]]:
    """Every remembered mapping by OPD kode (one small query)."""
    out: dict[str, list[Ingatan]] = {}
    if not PemetaanKolom.table_exists():  # type: ignore[no-untyped-call]
        return {}  # a database opened without its migrations (``verify --db`` on an old file)
    query = (
        PemetaanKolom.select(PemetaanKolom, PerangkatDaerah, User)
        .join(PerangkatDaerah)
        .switch(PemetaanKolom)
        .join(User)
        .order_by(PemetaanKolom.dicatat_pada.desc())
    )
    for row in query:
        out.setdefault(row.opd.kode, []).append(
            Ingatan(
                row.opd.kode,
                row.sidik,
                row.lembar,
                row.baris_judul,
                json.loads(row.kolom),
                tuple(json.loads(row.kecualikan)),
                tuple(json.loads(row.sertakan)),
                row.triwulan,
                row.dicatat_oleh.nama,
                format_tanggal(row.dicatat_pada.date()),
            )
        )
    return {kode: tuple(items) for kode, items in out.items()}


def ingat_pemetaan(user: User, opd_id: int, data: WorkbookData) -> None:
    """Remember the mapping ``data`` was read with for this OPD and layout; call it inside the
    transaction that stores the revision (the Tim confirms a mapping by accepting the data).

    Args:
        user: a Tim Kinerja member.
        opd_id: the OPD the file belongs to.
        data: the workbook read with a manual mapping.
    """
    aksi = "ingat_pemetaan_kolom"
    require_role(aksi, user, Role.TIM)
    pemetaan = data.pemetaan
    if pemetaan is None or pemetaan.mapping is None or data.book is None:
        refuse(aksi, user, "Tidak ada pemetaan kolom untuk diingat.")
    mapping = pemetaan.mapping
    sheet = _sheet(data.book, mapping.sheet)
    assert sheet is not None
    signature = {r: row_signature(sheet.rows[r - 1]) for r in mapping.excluded | mapping.included}
    values = {
        "lembar": mapping.sheet,
        "baris_judul": mapping.header_row,
        "kolom": json.dumps(dict(mapping.columns), sort_keys=True),
        "kecualikan": json.dumps(sorted({signature[r] for r in mapping.excluded})),
        "sertakan": json.dumps(sorted({signature[r] for r in mapping.included})),
        "triwulan": mapping.triwulan,
        "dicatat_oleh": user,
    }
    opd = PerangkatDaerah.get_by_id(opd_id)
    existing = PemetaanKolom.get_or_none(
        (PemetaanKolom.opd == opd) & (PemetaanKolom.sidik == pemetaan.sidik)
    )
    if existing is None:
        row = PemetaanKolom.create(opd=opd, sidik=pemetaan.sidik, **values)
    else:
        PemetaanKolom.update(**values).where(PemetaanKolom.id == existing.id).execute()
        row = existing
    columns = ", ".join(f"{k}={v}" for k, v in sorted(mapping.columns.items()))
    audit.write(
        aksi,
        pelaku=user,
        keterangan=f"Pemetaan kolom berkas {opd.nama} diingat ({columns}; "
        f"{len(mapping.excluded)} baris dikecualikan)",
        opd_id=opd.id,
        objek="pemetaan_kolom",
        objek_id=row.id,
        detail={"sidik": pemetaan.sidik, "berkas": data.path.name},
        data={PemetaanKolom: [row.id]},
    )
