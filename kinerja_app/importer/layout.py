"""The words of the forms OPDs send: header labels, numbering rows, title rows, polarity.

Labels come from the Permendagri 86/2017 E.81 form ("Target Renstra ... Akhir Periode",
"Realisasi Capaian Kinerja Renstra s.d. Renja Tahun Lalu", "yang dievaluasi", Triwulan I–IV,
K/Rp), LKjIP Bab III capaian tables, Perjanjian Kinerja and e-SAKIP exports (TW 1–4,
Polarisasi: Maximize/Minimize/Stabilize).
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Sequence

from kinerja_app.importer.numbers import cell_text
from kinerja_app.rekap.capaian import Polaritas

HEAD_ROWS = 40  # a header further down than this is not looked for
YEAR = re.compile(r"(?<!\d)(20\d\d)(?!\d)")
_NUMBERING = re.compile(
    r"^\(?\s*\d{1,2}\s*\)?\.?(\s*=\s*[\d\s()+\-x×*/:%.,]+)?$|^\(?[a-z]\)$", re.IGNORECASE
)
_TITLE_YEAR = re.compile(r"\b(?:tahun|ta\.?)\s+(?:anggaran\s+)?(20\d\d)\b", re.IGNORECASE)
_OPD_WORDS = re.compile(
    r"\b(dinas|badan|kantor|sekretariat|inspektorat|satuan polisi|kecamatan|rsud|"
    r"rumah sakit|bagian|kelurahan)\b",
    re.IGNORECASE,
)
_OPD_LABEL = re.compile(
    r"^\s*(perangkat daerah|nama opd|opd|unit kerja|instansi|skpd)\s*[:=]\s*", re.IGNORECASE
)


def normalize_label(value: object) -> str:
    """Lower-case a header cell with whitespace collapsed and year numbers kept."""
    return " ".join(cell_text(value).lower().split())  # str.split() splits where \s+ does


def classify_label(value: object) -> str | None:
    """Which field one header label names ("Target 2025" → "target"), or ``None``."""
    if not isinstance(value, str) or not value or len(value) > 160:
        return None  # headers are short texts; numbers and long paragraphs are not
    return _classify_text(value)


@functools.lru_cache(maxsize=4096)
def _classify_text(value: str) -> str | None:
    text = YEAR.sub(" ", normalize_label(value))
    text = re.sub(r"\btahun\b|\bth\.|[()*:]", " ", text)
    text = re.sub(r"\s+", " ", text).strip(" .-")
    if not text:
        return None
    if text in {"no", "no.", "nomor", "no urut", "nmr", "#", "no. urut"}:
        return "no"
    if re.match(r"^reali\w*", text):  # "Realilisasi" and other typos of exported headers
        return "realisasi"
    if text.startswith(("target", "rencana", "sasaran target")):
        return "target"
    if "capaian" in text:
        return "capaian"
    if text.startswith(("polaritas", "polarisasi", "karakteristik", "sifat indikator", "arah")):
        return "polaritas"
    if "sasaran" in text and ("indikator" in text or re.search(r"\biku\b", text)):
        return "kombinasi"  # "Sasaran Strategis / Indikator Kinerja" in one column
    if "indikator" in text or re.fullmatch(r"(iku|ikk|ik|tolok ukur)( .*)?", text):
        return "indikator"
    if text.startswith(("sasaran", "tujuan/sasaran", "tujuan / sasaran")):
        return "sasaran"
    if text.startswith(("program", "kegiatan", "urusan", "sub kegiatan")):
        return "program"
    if text.startswith("satuan"):
        return "satuan"
    if text in {"ket", "ket."} or text.startswith(("keterangan", "catatan")):
        return "keterangan"
    return None


def is_numbering_row(values: Sequence[object], columns: Sequence[int] | None = None) -> bool:
    """Whether a row only numbers the columns: (1) (2) (3)..., 1 2 3..., "13=6+12"."""
    cells = values if columns is None else [values[c] for c in columns if c < len(values)]
    texts = [cell_text(v) for v in cells]
    filled = [t for t in texts if t]
    if len(filled) < 3 or any(not _NUMBERING.match(t) for t in filled):
        return False
    numbers = [int(m.group(0)) for t in filled if (m := re.search(r"\d+", t))]
    if len(numbers) < 3:
        return len(filled) >= 3 and all(re.fullmatch(r"\(?[a-z]\)", t, re.I) for t in filled)
    rising = sum(1 for a, b in itertools.pairwise(numbers) if b > a)
    return rising >= len(numbers) - 2 and len(set(numbers)) >= len(numbers) - 1


def title_hints(rows: Sequence[Sequence[object]]) -> tuple[str, int | None]:
    """OPD name and year written in the title rows above the header ("DINAS ... TAHUN 2025")."""
    opd = ""
    year: int | None = None
    for values in rows:
        for value in values:
            text = cell_text(value)
            if not text or len(text) > 200:
                continue
            if year is None and (m := _TITLE_YEAR.search(text)):
                year = int(m.group(1))
            if not opd:
                labelled = _OPD_LABEL.sub("", text)
                if labelled != text and labelled.strip():
                    opd = labelled.strip()
                elif (m := _OPD_WORDS.search(text)) is not None:
                    opd = re.split(r"\s+tahun\s+", text[m.start() :], flags=re.IGNORECASE)[0]
    return re.sub(r"\s+", " ", opd).strip(" :-,"), year


_NEGATIVE = re.compile(
    r"negati|minimi|\b(rendah|kecil|sedikit)\s+(semakin|makin|lebih)\s+baik|"
    r"\b(tinggi|besar|banyak)\s+(semakin|makin|lebih)\s+(buruk|jelek)|lower is better"
)
_POSITIVE = re.compile(
    r"positi|maksimi|maximi|\b(tinggi|besar|banyak)\s+(semakin|makin|lebih)\s+baik|"
    r"higher is better"
)
_STABLE = re.compile(r"stabil|stabiliz|dipertahankan|\brentang\b|\brange\b|\bnormal\b")


def parse_polaritas(value: object) -> Polaritas | None:
    """Read a polarity cell: "Positif", "Negatif", "Maximize", "Minimize", "Stabilize", "+", ...

    Returns ``None`` for an empty or unrecognised cell (the caller tells which by the text).
    """
    return _polaritas_of(normalize_label(value))


@functools.lru_cache(maxsize=256)
def _polaritas_of(text: str) -> Polaritas | None:
    if text in {"+", "max", "naik", "meningkat", "↑", "tinggi", "maksimal"}:
        return Polaritas.POSITIF
    if text in {"-", "−", "min", "turun", "menurun", "↓", "rendah", "minimal"}:
        return Polaritas.NEGATIF
    if _STABLE.search(text) or text in {"=", "tetap", "stabil"}:
        return Polaritas.STABIL
    if _NEGATIVE.search(text):
        return Polaritas.NEGATIF
    if _POSITIVE.search(text):
        return Polaritas.POSITIF
    return None


# Lower-is-better indicators come in three kinds, told apart by their words:
# * a bad thing counted or rated ("angka kematian", "kasus", "desa tertinggal", "BBLR");
#   a word of handling it ("ditangani", "pelayanan", "cakupan", "bebas") makes the indicator
#   measure the handling, which is higher-is-better, unless that word is negated ("yang belum
#   ditindaklanjuti");
# * a state named by its negation ("rumah tidak layak huni", "anak tidak sekolah");
# * a duration measured at the head of the indicator ("Rata-rata waktu penyelesaian ...",
#   "Lama waktu pelayanan ...", "Waktu tunggu ..."): a handling word after it names what is
#   timed, so it does not cancel.
# A reduction ("penurunan", "berkurangnya") is higher-is-better whatever it reduces.
_LOWER_BETTER = re.compile(
    r"\b(angka kematian|kematian|mortalitas|prevalensi|kemiskinan|miskin|pengangguran|"
    r"kasus|putus sekolah|stunting|gizi buruk|gizi kurang|wasting|kriminalitas|kejahatan|"
    r"kecelakaan|pelanggaran|temuan|tunggakan|inflasi|gini|ketimpangan|kesenjangan|kumuh|"
    r"kebakaran|banjir|genangan|kesakitan|morbiditas|kerugian|sengketa|pengaduan|keluhan|"
    r"rawan pangan|kerawanan|buta aksara|buta huruf|penyalahgunaan|korban|bencana|polusi|"
    r"pencemaran|drop ?out|tertinggal|sangat tertinggal|bblr|berat badan lahir rendah|"
    r"balita pendek|kurus|anemia|obesitas|insiden|kejadian luar biasa|klb|penderita|"
    r"perkawinan (usia )?anak|pernikahan (usia )?dini|pernikahan anak|pekerja anak|kekerasan|"
    r"keterlambatan|terlambat|kerusakan|rusak|rusak berat|lahan kritis|kritis|deforestasi|"
    r"degradasi|abrasi|erosi|emisi|timbulan sampah|kemacetan|konflik|gangguan|disparitas|"
    r"defisit|piutang|kredit macet|penyimpangan|maladministrasi|korupsi|residivis|"
    r"rtlh|aki|akb|akaba|akn|tpt|dbd|gakin|pmks|angka mengulang|mengulang kelas)\b"
)
_NEGATED_STATE = re.compile(
    r"\b(tidak|belum|tdk|blm)\s+(layak|sehat|sekolah|bekerja|memiliki|mempunyai|punya|"
    r"terlayani|tertangani|terselesaikan|ditindaklanjuti|tuntas|lulus|tepat|sesuai|"
    r"terdaftar|tercatat|teraliri|terjangkau|berfungsi|terpenuhi|aman|baik|bersertifikat)\b"
)
_DURATION = re.compile(
    r"^(rata-?\s?rata|rerata|tingkat)?\s*(lama|lamanya|waktu|durasi|jangka waktu)\b"
    # the years of schooling (IPM) and a visitor's stay are lengths where more is better
    r"(?!\s+(sekolah|bersekolah|menginap|tinggal)\b)"
)
_REDUCTION = re.compile(
    r"\b(penurunan|menurunnya|turunnya|berkurangnya|pengurangan|menurunkan|mengurangi|"
    r"pencegahan|terkendalinya|pengendalian)\b"
)
_HANDLING = re.compile(
    r"\b(penanggulangan|penanganan|ditangani|tertangani|terselesaikan|diselesaikan|"
    r"ditindaklanjuti|tindak lanjut|penyelesaian|bebas|tuntas|cakupan|layanan|pelayanan|"
    r"dilayani|terlayani|mendapat(kan)?|memperoleh|menerima|diberdayakan|dibina|direhabilitasi|"
    r"rehabilitasi|dientaskan|pengentasan|ditemukan|penemuan|terdeteksi|deteksi|diobati|"
    r"sembuh|kesembuhan|pemulihan|dipulihkan|terpulihkan|diperbaiki|perbaikan|tertata|"
    r"penataan|peningkatan kualitas|terfasilitasi|difasilitasi|terlindungi|perlindungan|"
    r"ketepatan|tepat waktu)\b"
)
_NEGATION = re.compile(r"\b(tidak|belum|tdk|blm)\s+\w*$")


def lower_is_better(indikator: str) -> bool:
    """Whether an indicator's words say that a lower value is better ("Angka kematian ibu",
    "Persentase rumah tidak layak huni", "Rata-rata waktu penyelesaian perizinan")."""
    text = re.sub(r"[()/,;:]", " ", normalize_label(indikator))
    text = re.sub(r"^\d+(\.\d+)*[.)]?\s+", "", text)
    if _REDUCTION.search(text):
        return False
    if _DURATION.search(text):
        return True
    if _NEGATED_STATE.search(text):
        return True
    if _LOWER_BETTER.search(text) is None:
        return False
    handled = [m for m in _HANDLING.finditer(text) if not _NEGATION.search(text[: m.start()])]
    return not handled
