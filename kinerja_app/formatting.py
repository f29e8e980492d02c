"""Indonesian presentation of dates, numbers and NIPs, shared by documents, exports and UI;
and the natural order of texts holding numbers (letter numbers, file names)."""

from __future__ import annotations

import datetime as dt
import re
from decimal import ROUND_HALF_UP, Decimal

BULAN = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)
HARI = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")


def format_tanggal(value: dt.date | dt.datetime | None, *, hari: bool = False) -> str:
    """Format a date as "24 November 2026" (optionally "Selasa, 24 November 2026").

    Args:
        value: the date; ``None`` gives an empty string.
        hari: prefix the weekday name.
    Returns:
        The Indonesian date text.
    """
    if value is None:
        return ""
    text = f"{value.day} {BULAN[value.month - 1]} {value.year}"
    return f"{HARI[value.weekday()]}, {text}" if hari else text


def format_tanggal_waktu(value: dt.datetime | None) -> str:
    """Format a timestamp as "24 November 2026 14.05" (Indonesian uses a dot in times)."""
    if value is None:
        return ""
    return f"{format_tanggal(value)} {value.hour:02d}.{value.minute:02d}"


def bulatkan(value: float | int | Decimal, desimal: int = 2) -> Decimal:
    """Round a number as it is shown: half up, to ``desimal`` digits, like a spreadsheet.

    A float is first taken to 15 significant digits, as a spreadsheet shows it: 84.5 / 80 * 100
    is 105.62499999999999 in binary and must print 105,63 here as in the recap's .xlsx, and
    9.1 / 10 * 100 (90.99999999999999) is the 91,00 that the predikat judges.
    """
    quant = Decimal(1).scaleb(-desimal)
    exact = Decimal(value) if isinstance(value, (int, Decimal)) else Decimal(f"{value:.15g}")
    return exact.quantize(quant, rounding=ROUND_HALF_UP)


def format_angka(value: float | int | Decimal | None, desimal: int = 2, *, kosong: str = "") -> str:
    """Format a number the Indonesian way: "1.234,50"; ``None`` gives ``kosong``.

    Args:
        value: the number.
        desimal: digits after the decimal comma.
        kosong: text for a missing value.
    Returns:
        The formatted number.
    """
    if value is None:
        return kosong
    text = f"{bulatkan(value, desimal):,.{desimal}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def format_persen(value: float | None, desimal: int = 2) -> str:
    """Format a percentage: "97,80%"; missing gives "–"."""
    return "–" if value is None else f"{format_angka(value, desimal)}%"


def format_nip(nip: str | None) -> str:
    """Print a NIP grouped 8-6-1-3: "19780226 199703 1 002"; other text is returned as is."""
    if not nip:
        return ""
    digits = "".join(ch for ch in nip if ch.isdigit())
    if len(digits) != 18:
        return nip
    return f"{digits[:8]} {digits[8:14]} {digits[14]} {digits[15:]}"


_DIGITS = re.compile(r"(\d+)")


def urutan_alami(text: str) -> list[str | int]:
    """A sort key putting texts with numbers in natural order: "000.8.6.3/2/Org" before
    "000.8.6.3/10/Org", "2.xlsx" before "10.xlsx" (case ignored)."""
    # the split puts the digit runs at odd places (a "²" passes isdigit() but is no number)
    return [int(t) if i % 2 else t for i, t in enumerate(_DIGITS.split(text.lower()))]
