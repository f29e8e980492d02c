"""Kinds of target and realisation beyond a plain number: a number with its unit ("12 Dokumen"),
a range ("70 - 80"), a status ("Ditetapkan", "Tersedia") or a rank on a scale (WTP/WDP,
predikat AA … D), and the annual value of quarterly columns.

Text and ranked targets are compared on their own scale and never reported as errors for being
text: a status met is 100, not met 0; a rank reached is 100, one below is rank(R) / rank(T).
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from kinerja_app.importer.numbers import is_missing_text, parse_text_number

# ordinal scales, best first (opini BPK; predikat SAKIP; kategori; nilai huruf)
SCALES: tuple[tuple[str, ...], ...] = (
    ("wtp", "wdp", "tw", "tmp"),
    ("aa", "a", "bb", "b", "cc", "c", "d"),
    ("sangat tinggi", "tinggi", "sedang", "rendah", "sangat rendah"),
    ("sangat baik", "baik", "cukup", "kurang", "sangat kurang"),
)
_OPINI = {
    "wajar tanpa pengecualian": "wtp",
    "wajar dengan pengecualian": "wdp",
    "tidak wajar": "tw",
    "tidak memberikan pendapat": "tmp",
    "disclaimer": "tmp",
}
_NOT_MET = re.compile(r"^(belum|tidak|tdk|blm|gagal|batal|nihil|tertunda|ditunda)\b")
_MET_WORDS = re.compile(
    r"\b(ditetapkan|tersedia|ada|terlaksana|tersusun|terbentuk|selesai|terakreditasi|ya|"
    r"sesuai|tepat waktu|tercapai|terbit|diterbitkan|disahkan|terpenuhi|lengkap|"
    r"terintegrasi|beroperasi|berfungsi|terealisasi|dilaksanakan|sudah|opini)\b"
)
_RANGE = re.compile(
    r"^\s*([\d.,]+)\s*%?\s*(?:-|–|—|s\.?\s?d\.?|s/d|sampai(?: dengan)?|hingga)\s*([\d.,]+)"
    r"\s*%?\s*([^\d]*)$",
    re.IGNORECASE,
)
_BOUND = re.compile(r"^\s*(≥|>=|>|min\.?|minimal|paling sedikit)\s*([\d.,]+)", re.IGNORECASE)
_UPPER = re.compile(r"^\s*(≤|<=|<|maks\.?|maksimal|paling banyak)\s*([\d.,]+)", re.IGNORECASE)
_WITH_UNIT = re.compile(
    r"^\s*(?:rp\.?\s*)?([+-]?[\d.,]+)\s*(%|[A-Za-z][\w ./()-]{0,40})\s*$", re.IGNORECASE
)
# a scale word after the number is part of it: "1,2 juta" orang is 1 200 000, not 1,2
_SCALE = re.compile(r"^(ribu|rb|juta|jt|miliar|milyar|triliun)\b\.?\s*", re.IGNORECASE)
_SCALES = {"ribu": 1e3, "rb": 1e3, "juta": 1e6, "jt": 1e6, "miliar": 1e9, "milyar": 1e9,
           "triliun": 1e12}  # fmt: skip
# the same words in the Satuan column ("Juta Rupiah", "Rp juta", "rb"): the values count in them
_SCALE_UNIT = re.compile(r"\b(ribu|rb|juta|jt|miliar|milyar|triliun)\b", re.IGNORECASE)


def skala_satuan(satuan: str) -> float:
    """The scale a Satuan names ("Juta Rupiah": 1 000 000; "Orang": 1)."""
    found = _SCALE_UNIT.search(satuan)
    return _SCALES[found.group(1).lower()] if found is not None else 1.0


@dataclass(frozen=True)
class Nilai:
    """A cell read as a value: a number, maybe a range's upper bound, or a text kind."""

    angka: float | None = None
    atas: float | None = None  # upper bound of a range target
    satuan: str = ""  # a unit written after the number ("12 Dokumen")
    batas: str = ""  # "min" for "≥ 80", "maks" for "≤ 5"


def baca_nilai(text: str, skala: float = 1.0) -> Nilai:
    """Read a text cell that is not a plain number: "70 - 80", "≥ 80", "12 Dokumen", "95 %";
    a scale word multiplies ("1,2 juta": 1 200 000), counted in units of ``skala``, the scale
    the Satuan column names (:func:`skala_satuan`: "1.250 juta" in "Juta Rupiah" is 1.250)."""
    if (m := _RANGE.match(text)) is not None:
        low, high = parse_text_number(m.group(1)), parse_text_number(m.group(2))
        if low is not None and high is not None and high > low:
            return Nilai(low, high, m.group(3).strip())
    if (m := _BOUND.match(text)) is not None:
        return Nilai(parse_text_number(m.group(2)), batas="min")
    if (m := _UPPER.match(text)) is not None:
        return Nilai(parse_text_number(m.group(2)), batas="maks")
    if (m := _WITH_UNIT.match(text)) is not None:
        number = parse_text_number(m.group(1))
        unit = m.group(2).strip()
        if number is not None and (scale := _SCALE.match(unit)) is not None:
            number = round(number * _SCALES[scale.group(1).lower()] / skala, 6)
            unit = unit[scale.end() :].strip()
        if number is not None:
            return Nilai(number, satuan=unit)
    return Nilai()


def _norm(text: str) -> str:
    text = re.sub(r"[^\w\s]", " ", text.lower())
    text = re.sub(r"^(opini|predikat|kategori|nilai)\s+", "", re.sub(r"\s+", " ", text).strip())
    return _OPINI.get(text, text)


# a target of none: "Nihil", "Tidak ada", "Nol kasus", "Zero accident"; not "Tidak ada data"
# or "Tidak ada laporan", which say that nothing was reported, not that nothing happened
_NONE = re.compile(
    r"^(nihil|tidak ada|tiada|nol|zero|0)"
    r"(?!.*\b(data|laporan|informasi|keterangan|target|realisasi|capaian)\b)( \w+){0,2}$"
)


def is_nihil(text: str) -> bool:
    """Whether a value says "none" (a zero target or realisation written as words)."""
    return _NONE.match(_norm(text)) is not None


def _readings(text: str) -> list[str]:
    """A text and its parts: "B (Baik)" is read as "B" and as "Baik", "WDP (Wajar ...)" as WDP."""
    outside = re.sub(r"\([^)]*\)", " ", text)
    inside = re.findall(r"\(([^)]*)\)", text)
    return [t for t in (text, outside, *inside) if t.strip()]


def _ranks(text: str) -> list[tuple[int, int]]:
    """Every (scale, rank) a text has on an ordinal scale, best rank highest."""
    out = []
    for reading in _readings(text):
        key = _norm(reading)
        for index, scale in enumerate(SCALES):
            if key in scale and (index, len(scale) - scale.index(key)) not in out:
                out.append((index, len(scale) - scale.index(key)))
    return out


def is_text_target(text: str) -> bool:
    """Whether a target written as text is a status or a rank this module can compare."""
    if not text or is_missing_text(text):
        return False
    return bool(_ranks(text)) or is_nihil(text) or _MET_WORDS.search(_norm(text)) is not None


def _number_in(text: str) -> float | None:
    return (
        parse_text_number(text) if parse_text_number(text) is not None else baca_nilai(text).angka
    )


def capaian_teks(target: str, realisasi: str) -> tuple[float | None, str]:
    """Capaian of a text target against a realisation, compared on their scale.

    Args:
        target: e.g. "WTP", "BB", "Ditetapkan", "Nihil".
        realisasi: e.g. "WDP (Wajar Dengan Pengecualian)", "B (Baik)", "Perbup Nomor 12 Tahun
            2025 ditetapkan", "Belum", "Tidak ada", "2".
    Returns:
        (capaian in percent or ``None``, how it was judged, in Indonesian).
    """
    if not realisasi or is_missing_text(realisasi):
        return None, "realisasi kosong"
    if is_nihil(target):  # none was the goal: none reached is met, any number is not
        if is_nihil(realisasi):
            return 100.0, "target nihil tercapai"
        number = _number_in(realisasi)
        if number is not None:
            return (100.0, "target nihil tercapai") if number <= 0 else (0.0, "melebihi nihil")
        return None, "tidak dapat dibandingkan dengan target nihil"
    if _norm(target) == _norm(realisasi):
        return 100.0, "sama dengan target"
    t_ranks, r_ranks = _ranks(target), _ranks(realisasi)
    same = [(t, r) for t in t_ranks for r in r_ranks if t[0] == r[0]]
    if same:
        t_rank, r_rank = same[0]
        if r_rank[1] >= t_rank[1]:
            return 100.0, "peringkat tercapai"
        return r_rank[1] / t_rank[1] * 100.0, "peringkat di bawah target"
    if t_ranks:
        return None, "realisasi tidak pada skala yang sama dengan target"
    real = _norm(realisasi)
    if _NOT_MET.search(real):
        return 0.0, "belum tercapai"
    goal = _norm(target)
    if goal and (goal in real or real in goal or _MET_WORDS.search(real)):
        return 100.0, "tercapai"
    return None, "tidak dapat dibandingkan"


# --- quarterly columns ------------------------------------------------------------------------
_LEVEL_SATUAN = re.compile(
    r"%|persen|indeks|index|nilai|rasio|skor|poin|predikat|opini|tingkat|angka|per\s?1[.,]?000|"
    r"per\s?100|tahun|kategori|level|peringkat|rata|ratio"
)
_LEVEL_WORDS = re.compile(
    r"^(persentase|prosentase|indeks|rasio|angka|tingkat|nilai|prevalensi|rata-rata|rerata|"
    r"cakupan|proporsi|derajat|laju|pertumbuhan|opini|predikat|skor|capaian|kualitas|"
    r"kepuasan|ipm|ikm|ipg|idg)\b"
)

# Counts of things that come whole: a text "1.000" of them cannot mean 1,000 (three decimals).
_UTUH = (
    r"orang|jiwa|dokumen|kegiatan|unit|kali|laporan|paket|desa|kelurahan|kasus|buah|kk|rumah|"
    r"sekolah|siswa|peserta|pasien|lembaga|kelompok|titik|lokasi|event|perda|perbup|naskah|"
    r"rekomendasi|sertifikat|izin|ijin|berkas|bidang|usaha|umkm|koperasi|pelaku|ekor|batang|"
    r"pohon|set|eksemplar|judul"
)
_UTUH_SATUAN = re.compile(rf"\b({_UTUH})\b")
_COUNT_SATUAN = re.compile(rf"\b({_UTUH}|km|meter|m2|m3|ha|hektar|ton|kg|liter)\b")


def satuan_utuh(satuan: str) -> bool:
    """Whether the unit counts whole things (orang, dokumen, kasus...), never fractions; a rate
    of them ("kasus per 1.000 kelahiran hidup") is no count."""
    unit = satuan.lower()
    return bool(_UTUH_SATUAN.search(unit)) and not _LEVEL_SATUAN.search(unit)


def sifat_indikator(indikator: str, satuan: str, stabil: bool = False) -> str | None:
    """The nature of an indicator for its quarterly values: "tingkat" (a level or rate,
    the year-end value counts), "jumlah" (a count, the quarters add up), or ``None``.
    An indicator kept stable (Stabilize) is a level."""
    if stabil:
        return "tingkat"
    unit = satuan.lower()
    name = indikator.lower().strip()
    name = re.sub(r"^\(?[0-9a-z]{1,3}[.)]\s+", "", name)
    if _LEVEL_SATUAN.search(unit) or _LEVEL_WORDS.search(name):
        return "tingkat"
    if _COUNT_SATUAN.search(unit) or name.startswith(("jumlah", "banyaknya", "luas", "panjang")):
        return "jumlah"
    return None


@dataclass(frozen=True)
class Tahunan:
    """The annual value made from quarterly values, and the rule used (shown to the Tim)."""

    nilai: float | None
    aturan: str
    ragu: bool = False  # two readings remain: ask the Tim
    kosong: tuple[int, ...] = ()  # quarters a sum needs that are empty


def dari_triwulan(
    values: dict[int, float | None], sifat: str | None, kumulatif: bool, pilihan: str | None
) -> Tahunan:
    """Annual value of quarterly values (1..4).

    Rule: a column labelled cumulative ("s.d. TW", "kumulatif") or a level/rate indicator
    ("%", indeks, rasio, angka ...) takes the value at year end (TW IV); a count indicator
    (orang, dokumen, kegiatan ...) adds TW I–IV, unless the values only rise (then they may be
    cumulative and the Tim is asked) or a quarter is empty (then ``kosong`` names it and there
    is no value: a half year's sum is not the year's). An indicator of unknown nature is asked about. The Tim's
    choice for the layout (``pilihan``: "akhir" or "jumlah") overrides the rule.
    """
    filled = {q: v for q, v in values.items() if v is not None}
    if not filled:
        return Tahunan(None, "triwulan kosong")
    last_q = max(filled)
    total = sum(filled.values())
    last = filled[last_q]
    akhir = Tahunan(last if last_q == 4 else None, "nilai TW IV (akhir tahun)")
    jumlah = Tahunan(total, "jumlah TW I–IV")
    if pilihan == "akhir" or kumulatif:
        return akhir
    empty = tuple(q for q in range(1, 5) if values.get(q) is None)
    if pilihan == "jumlah" or (sifat == "jumlah" and pilihan is None and empty):
        # a year's count needs every quarter: a half year is not the year
        return Tahunan(None, "jumlah TW I–IV", kosong=empty) if empty else jumlah
    if sifat == "tingkat":
        return akhir
    ordered = [filled[q] for q in sorted(filled)]
    rising = len(ordered) >= 2 and all(b >= a for a, b in itertools.pairwise(ordered))
    if sifat == "jumlah" and not (rising and ordered[-1] > ordered[0]):
        return jumlah
    reason = "nilai triwulan terus naik (mungkin kumulatif)" if sifat else "sifat indikator"
    return Tahunan(None, reason, ragu=True)
