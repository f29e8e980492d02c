"""Raw table rows into indicator rows: numbers as the OPD saw them, the annual value of
quarterly columns, the kind of target, polarity, and capaian; with the reader's findings."""

from __future__ import annotations

import datetime as dt
from typing import Any, NamedTuple

from kinerja_app.importer.data import NUMERIC_FIELDS, Finding, IndicatorRow
from kinerja_app.importer.formulas import FormulaCell
from kinerja_app.importer.header import Tabel
from kinerja_app.importer.layout import lower_is_better, parse_polaritas
from kinerja_app.importer.nilai import (
    Nilai,
    baca_nilai,
    capaian_teks,
    dari_triwulan,
    is_nihil,
    satuan_utuh,
    sifat_indikator,
    skala_satuan,
)
from kinerja_app.importer.numbers import (
    cell_text,
    parse_number,
    parse_text_number,
    separator_convention,
    separator_readings,
)
from kinerja_app.importer.rows import RawRow
from kinerja_app.rekap.capaian import Polaritas, hitung_capaian

_ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}
SATUAN_DARI_NILAI = "satuan ditulis bersama nilainya"


_PLAIN = frozenset({float, int, str})  # cell values that are no date
_POLOS = Nilai()  # a plain number: no unit, no range
_PERSEN = Nilai(satuan="%")


def _number(value: Any, percent: bool, skala: float = 1.0) -> tuple[float | None, Nilai]:
    """The number of a cell as the OPD saw it, and what the cell says beside it (its unit, a
    range's upper bound); ``percent``: the cell's number format scales by 100; ``skala``: the
    scale the Satuan column names ("Juta Rupiah"), in which a scale word of the cell counts."""
    if not isinstance(value, str):
        number = parse_number(value, percent_format=percent)  # only numbers are scaled
        return number, _PERSEN if percent and number is not None else _POLOS
    number = parse_text_number(value)
    if number is not None:
        if "%" not in value and not any(map(str.isalpha, value)):
            return number, _POLOS  # "1.234,5": nothing more to read
        if value.strip().endswith("%"):
            return number, _PERSEN
        return number, Nilai(satuan=baca_nilai(value).satuan)
    extra = baca_nilai(value, skala)
    return extra.angka, extra


def _ask_separator(text: str, cell: str | None, row: int) -> Finding:
    """The question about a text number that reads two ways, with both readings."""
    ribuan, desimal = separator_readings(text)
    sep = "titik" if "." in text else "koma"
    return Finding(
        "error",
        "ANGKA_RAGU",
        f"Angka '{text.strip()[:40]}' di sel {cell} dapat berarti {ribuan} ({sep} pemisah "
        f"ribuan) atau {desimal} ({sep} desimal), dan angka lain di berkas ini tidak "
        f"memastikannya. Minta OPD menulisnya tanpa ragu (mis. {ribuan},00 atau {desimal}) "
        "atau mengetiknya di sel berformat Angka.",
        cell,
        row,
    )


class Satuan(NamedTuple):
    """A row's unit as its numbers are read: its text, the scale it names, whether it counts
    whole things."""

    teks: str
    skala: float
    utuh: bool

    @classmethod
    def dari(cls, teks: str) -> Satuan:
        return cls(teks, skala_satuan(teks), satuan_utuh(teks))


class Builder:
    """Builds indicator rows of one table; ``findings`` collects what the Tim must know."""

    def __init__(
        self,
        tabel: Tabel,
        formulas: dict[str, FormulaCell],
        full_calc: bool,
        triwulan: str | None = None,
    ) -> None:
        self.tabel = tabel
        self.formulas = formulas
        self.full_calc = full_calc
        self.triwulan = triwulan
        self.findings: list[Finding] = []
        self.stale: list[str] = []
        self.quarter_rules: dict[str, int] = {}
        self.inferred_negative = 0
        self.conventions: set[str] = set()  # separators of the text numbers: "id", "en"
        self.ragu: list[tuple[str, str | None, int]] = []  # "3.250": (text, cell, row)

    def build(self, raws: list[RawRow]) -> list[IndicatorRow]:
        """Every raw row as an indicator row, then the file-level notes."""
        rows = [self._row(raw) for raw in raws]
        if self.ragu and self.conventions != {"id"}:
            # the file's other text numbers do not show the Indonesian convention alone
            self.findings += [_ask_separator(*ragu) for ragu in self.ragu]
        columns = self.tabel.columns
        if rows and "polaritas" not in columns:
            self.findings.append(
                Finding(
                    "warning",
                    "POLARITAS_DIASUMSIKAN",
                    "Kolom Polaritas tidak ada; indikator dianggap positif (semakin tinggi "
                    "semakin baik), kecuali yang namanya menunjukkan semakin rendah semakin "
                    "baik (ditandai tersendiri). Tambahkan kolom Polaritas bila perlu.",
                )
            )
        if self.quarter_rules:
            rules = "; ".join(f"{n} indikator: {rule}" for rule, n in self.quarter_rules.items())
            self.findings.append(
                Finding(
                    "warning",
                    "NILAI_DARI_TRIWULAN",
                    "Tidak ada kolom realisasi/target tahunan; nilai tahunan dibentuk dari "
                    f"kolom triwulan ({rules}). Indikator persentase/indeks/rasio memakai TW "
                    "IV, indikator jumlah (orang, dokumen, kegiatan...) menjumlahkan TW I–IV. "
                    "Bila keliru, pilih aturan lain lewat 'Petakan kolom…'.",
                )
            )
        if self.full_calc and self.stale:
            self.findings.append(
                Finding(
                    "warning",
                    "FORMULA_BELUM_DIHITUNG",
                    f"Berkas dibuat oleh program dan rumusnya ({len(self.stale)} sel, mis. "
                    f"{self.stale[0]}) belum dihitung ulang oleh Excel; nilai tersimpannya bisa "
                    "keliru. Buka di Excel, simpan, lalu impor lagi.",
                    self.stale[0],
                )
            )
        return rows

    # --- one row ------------------------------------------------------------------------
    def _formula(self, raw: RawRow, name: str, uncached: list[str]) -> None:
        ref = raw.cells.get(name, "").rpartition("!")[2]
        formula = self.formulas.get(ref)
        if formula is None:
            return
        if name == "capaian":
            # the app computes capaian itself; an uncalculated capaian formula only means
            # there is no stated capaian to compare with, which is not the OPD's mistake
            if not formula.cached:
                uncached.append(name)
            return
        self.stale.append(raw.cells[name])
        if not formula.cached:
            uncached.append(name)
            self.findings.append(
                Finding(
                    "error",
                    "FORMULA_NO_CACHE",
                    f"Sel {raw.cells[name]} berisi rumus yang belum pernah dihitung (tidak ada "
                    "nilai tersimpan). Buka berkas di Excel, pastikan nilainya tampil, simpan, "
                    "lalu kirim ulang.",
                    raw.cells[name],
                    raw.row,
                )
            )

    def _dates(self, raw: RawRow) -> None:
        for name in NUMERIC_FIELDS:
            value = raw.values.get(name)
            if value is None or type(value) in _PLAIN:
                continue
            if isinstance(value, dt.date | dt.time | dt.timedelta):
                self.findings.append(
                    Finding(
                        "error",
                        "NILAI_TANGGAL",
                        f"Sel {raw.cells[name]} terbaca sebagai tanggal ({cell_text(value)}), "
                        "bukan angka. Ubah format selnya menjadi Angka lalu ketik ulang nilainya.",
                        raw.cells[name],
                        raw.row,
                    )
                )

    def _annual(
        self, raw: RawRow, name: str, satuan: Satuan, stabil: bool, uncached: list[str]
    ) -> tuple[float | None, str, str]:
        """(value, text, rule) of a field given by quarterly columns."""
        values: dict[int, float | None] = {}
        for q, value in raw.quarters.get(name, {}).items():
            values[q] = _number(value, f"{name}:{q}" in raw.percent, satuan.skala)[0]
            cell = raw.quarter_cells.get(name, {}).get(q)
            self._separator(value, values[q], cell, raw.row, satuan.utuh)
        if not any(v is not None for v in values.values()):
            last = raw.quarters.get(name, {}).get(max(values, default=4))
            return None, cell_text(last) if last is not None else "", ""
        sifat = sifat_indikator(raw.texts.get("indikator", ""), satuan.teks, stabil)
        result = dari_triwulan(values, sifat, self.tabel.kumulatif, self.triwulan)
        cells = raw.quarter_cells.get(name, {})
        if result.ragu:
            total = sum(v for v in values.values() if v is not None)
            last_q = max(q for q, v in values.items() if v is not None)
            self.findings.append(
                Finding(
                    "error",
                    "TRIWULAN_RAGU",
                    f"{name.capitalize()} tahunan '{raw.texts.get('indikator', '')[:50]}' tidak "
                    f"dapat dipastikan ({result.aturan}): jumlah TW I–IV = {total:g} atau nilai "
                    f"TW {_ROMAN.get(last_q, last_q)} = {values[last_q]:g}. Pilih aturan "
                    "triwulan lewat 'Petakan kolom…'.",
                    cells.get(last_q),
                    raw.row,
                )
            )
            uncached.append(name)  # said above; not again as "empty"
            return None, "", ""
        if result.kosong:
            empty = ", ".join(f"TW {_ROMAN[q]}" for q in result.kosong)
            self.findings.append(
                Finding(
                    "error",
                    f"{name.upper()}_TRIWULAN_KOSONG",
                    f"{name.capitalize()} {empty} '{raw.texts.get('indikator', '')[:50]}' "
                    "kosong, padahal nilai setahun indikator ini adalah jumlah TW I–IV; "
                    "jumlah triwulan yang terisi saja bukan nilai setahun. Isi triwulan yang "
                    "kosong (0 bila memang nihil).",
                    cells.get(result.kosong[0]) or cells.get(4),
                    raw.row,
                )
            )
            uncached.append(name)
            return None, "", ""
        if result.nilai is None:
            self.findings.append(
                Finding(
                    "error",
                    f"{name.upper()}_TW4_KOSONG",
                    f"{name.capitalize()} TW IV '{raw.texts.get('indikator', '')[:50]}' kosong, "
                    "padahal nilai akhir tahun yang dipakai untuk indikator ini. Isi TW IV.",
                    cells.get(4),
                    raw.row,
                )
            )
            uncached.append(name)
            return None, "", ""
        self.quarter_rules[result.aturan] = self.quarter_rules.get(result.aturan, 0) + 1
        raw.cells.setdefault(name, cells.get(4) or next(iter(cells.values()), ""))
        return result.nilai, f"{result.nilai:g}", f"{name}: {result.aturan}"

    def _row(self, raw: RawRow) -> IndicatorRow:
        uncached: list[str] = []
        formulas = self.formulas
        if formulas:
            for name in NUMERIC_FIELDS:
                # most cells hold no formula: looked up here, without a call
                if raw.cells.get(name, "").rpartition("!")[2] in formulas:
                    self._formula(raw, name, uncached)
        self._dates(raw)
        text = raw.texts
        satuan = text.get("satuan", "")
        numbers: dict[str, float | None] = {}
        extras: dict[str, Nilai] = {}
        aturan: list[str] = []
        polaritas, sumber = self._polaritas(raw)
        stabil = polaritas is Polaritas.STABIL
        unit = Satuan.dari(satuan)
        for name in NUMERIC_FIELDS:
            if name in raw.values:
                value = raw.values[name]
                numbers[name], extras[name] = _number(value, name in raw.percent, unit.skala)
                self._separator(value, numbers[name], raw.cells.get(name), raw.row, unit.utuh)
            elif name in raw.quarters:
                numbers[name], text[name], rule = self._annual(raw, name, unit, stabil, uncached)
                extras[name] = _POLOS
                if rule:
                    aturan.append(rule)
        if not satuan:
            satuan = extras.get("target", _POLOS).satuan or extras.get("realisasi", _POLOS).satuan
            if satuan:
                aturan.append(SATUAN_DARI_NILAI)
        target, realisasi = numbers.get("target"), numbers.get("realisasi")
        atas = extras.get("target", _POLOS).atas
        reported = numbers.get("capaian")
        if self._sasaran_level(raw):
            reported = None
            aturan.append("capaian tertulis untuk sasaran, tidak dibandingkan per indikator")
        capaian = hitung_capaian(target, realisasi, polaritas, atas).nilai
        if (
            target is None
            and text.get("target")
            and (realisasi is None or is_nihil(text["target"]))
        ):
            capaian, how = capaian_teks(text.get("target", ""), text.get("realisasi", ""))
            if how:
                aturan.append(f"capaian: {how}")
        return IndicatorRow.of(
            sheet=self.tabel.sheet.title,
            row=raw.row,
            sasaran=raw.sasaran,
            indikator=text.get("indikator", ""),
            satuan=satuan,
            polaritas=polaritas,
            target=target,
            realisasi=realisasi,
            capaian=capaian,
            capaian_dilaporkan=reported,
            keterangan=text.get("keterangan", ""),
            target_text=text.get("target", ""),
            realisasi_text=text.get("realisasi", ""),
            capaian_text=text.get("capaian", "") if reported is not None else "",
            polaritas_text=text.get("polaritas", ""),
            cells=raw.cells,  # the raw row is not used after this
            uncached=tuple(uncached),
            target_atas=atas,
            aturan="; ".join(aturan),
            polaritas_sumber=sumber,
        )

    def _separator(
        self, value: Any, number: float | None, cell: str | None, row: int, utuh: bool
    ) -> None:
        """Note how a text number uses its separators; one that reads two ways is kept, unless
        ``utuh`` and read whole: a count of whole things ("1.000" orang)."""
        if type(value) is not str or number is None:
            return  # a number cell, or no number: nothing written with separators
        text = value
        convention = separator_convention(text)
        if convention == "ragu" and utuh and number.is_integer():
            return  # its other reading (1,000 orang) is no count; and it settles nothing else
        if convention == "ragu":
            self.ragu.append((text, cell, row))
        elif convention is not None:
            self.conventions.add(convention)

    def _sasaran_level(self, raw: RawRow) -> bool:
        """A capaian cell merged over several indicator rows states the sasaran's capaian."""
        c = self.tabel.columns.get("capaian")
        if c is None or not self.tabel.sheet.merged:
            return False
        merged = self.tabel.sheet.merge_of(raw.row - 1, c)
        return merged is not None and merged[2] > merged[0]

    def _polaritas(self, raw: RawRow) -> tuple[Polaritas | None, str]:
        if "polaritas" in self.tabel.columns:
            return parse_polaritas(raw.values.get("polaritas")), "kolom"
        indikator = raw.texts.get("indikator", "")
        if lower_is_better(indikator):
            self.findings.append(
                Finding(
                    "warning",
                    "POLARITAS_DIDUGA_NEGATIF",
                    f"Indikator '{indikator[:60]}' dibaca sebagai negatif (semakin rendah "
                    "semakin baik) menurut namanya, karena kolom Polaritas tidak ada. Pastikan "
                    "benar sebelum menerima; bila tidak, tambahkan kolom Polaritas.",
                    raw.cells.get("indikator"),
                    raw.row,
                )
            )
            return Polaritas.NEGATIF, "kata"
        return Polaritas.POSITIF, "asumsi"
