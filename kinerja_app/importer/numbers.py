"""Numbers as OPDs write them: "1.234,5", "85,5", "92,3%", "-", and percent-formatted cells.

The rule for percentages: **a value is taken as the number the OPD saw on screen.**

* A numeric cell whose number format scales by 100 (a ``%`` outside quotes, e.g. ``0.0%``)
  stores 0.978 and shows "97,8%"; it is read as 97.8. This holds for target, realisasi and
  capaian alike and does not depend on the satuan: a target typed as "90%" (stored 0.9) and a
  realisasi typed as 92 in a General cell are both percent points, so the capaian is 102.2,
  not 10 222. A ``%`` in quotes or escaped (``0.0"%"``, ``0.0\\%``) does not scale, so such a
  cell is read as stored.
* A text cell "92,3%" is read as 92.3 (percent points).
* Capaian is therefore always in percent points. A General cell holding a ratio (0.978 as
  capaian) is not rescaled here; verification notices it against the computed capaian.

Missing values ("", "-", "–", "n/a", ...) are ``None``, never 0.
"""

from __future__ import annotations

import datetime as dt
import math
import re

from kinerja_app.formatting import format_angka

MISSING_TEXTS = frozenset(
    {
        "",
        "-",
        "--",
        "–",
        "—",
        "n/a",
        "na",
        "n.a",
        "n.a.",
        "#n/a",
        "tidak ada data",
        "belum ada data",
        "belum ada",
        "kosong",
        "?",
    }
)
_MISSING_FIRSTS = frozenset(t[0] for t in MISSING_TEXTS if t)
_FIRST = re.compile(r"[\s']*([^\s'])")  # the first character that counts
_SPACES = re.compile(r"[\s\u00a0\u202f\u2009']+")
_NUMBER = re.compile(r"^[+-]?(\d+([.,]\d+)*([.,]\d*)?|[.,]\d+)$")
_PLAIN = re.compile(r"[0-9]+(?:,[0-9]+)?")  # digits with a decimal comma: nothing to decide
_THOUSANDS_DOT = re.compile(r"^\d{1,3}(\.\d{3})+$")
_THOUSANDS_COMMA = re.compile(r"^\d{1,3}(,\d{3}){2,}$")
_DIGITS = re.compile(r"\d[\d.,]*\d|\d")  # the first number of a text, with its separators
_ONE_GROUP = re.compile(r"^[1-9]\d{0,2}[.,]\d{3}$")  # "3.250", "1,250": thousands or decimals


def is_missing_text(text: str) -> bool:
    """Whether a text means "no value" (empty, a dash, "n/a"...)."""
    if text in MISSING_TEXTS:
        return True
    if text[0].isalnum() and text[0].lower()[:1] not in _MISSING_FIRSTS:
        return False  # the usual cell, without the regular expression below
    first = _FIRST.match(text)
    if first is None:
        return True  # only spaces and apostrophes
    if first.group(1).lower()[:1] not in _MISSING_FIRSTS:
        return False  # "Persentase ...", "85,5": no missing text begins so
    # spaces of any kind and apostrophes ("'-") do not count, as in parse_text_number
    return " ".join(text.replace("'", " ").split()).lower() in MISSING_TEXTS


def scales_percent(number_format: str | None) -> bool:
    """Whether an Excel number format multiplies by 100 (a ``%`` outside quotes, unescaped)."""
    if not number_format or "%" not in number_format:
        return False
    quoted = False
    escaped = False
    for ch in number_format:
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif ch == '"':
            quoted = not quoted
        elif ch == "%" and not quoted:
            return True
    return False


def parse_text_number(text: str) -> float | None:
    """Parse an Indonesian (or English) number written as text; ``None`` if it is none.

    "1.234,5" → 1234.5; "85,5" → 85.5; "92,3%" → 92.3; "1,234.5" → 1234.5;
    "1.234" → 1234 (a dot followed by exactly three digits groups thousands, as Indonesian
    writes them); "12,345,678" → 12345678; "(5)" and "−5" → -5; "Rp. 1.250.000,-" → 1250000.

    Args:
        text: the cell text.
    Returns:
        The value, or ``None`` for missing or non-numeric text.
    """
    if _PLAIN.fullmatch(text):
        return float(text.replace(",", "."))  # "85,5", "120": the usual cell, read directly
    s = _SPACES.sub("", text).replace("−", "-").replace("–", "-")
    if s.lower().startswith("rp"):
        s = s[2:].lstrip(".")
    s = s.rstrip("%")
    if s.endswith((",-", ".-")) and s[:1] != "-":
        s = s[:-2]  # "Rp. 1.250.000,-": a whole amount, no sen
    negative = False
    if s.startswith("(") and s.endswith(")"):
        negative, s = True, s[1:-1]
    if not s or not _NUMBER.match(s):
        return None
    if s[0] in "+-":
        negative, s = negative or s[0] == "-", s[1:]
    last_dot, last_comma = s.rfind("."), s.rfind(",")
    if last_dot >= 0 and last_comma >= 0:
        decimal = "." if last_dot > last_comma else ","
    elif last_comma >= 0:
        decimal = "" if _THOUSANDS_COMMA.match(s) else ","
    elif last_dot >= 0:
        decimal = "" if _THOUSANDS_DOT.match(s) and not s.startswith("0") else "."
    else:
        decimal = ""
    thousands = {"": ".,", ",": ".", ".": ","}[decimal]
    for sep in thousands:
        s = s.replace(sep, "")
    if decimal == ",":
        s = s.replace(",", ".")
    if s.count(".") > 1:
        return None
    value = float(s)
    return -value if negative else value


def separator_convention(text: str) -> str | None:
    """How the first number of a text uses its separators.

    ``"id"`` for a decimal comma or dot thousands ("85,5", "1.234.567", "1.234,5"), ``"en"``
    for the reverse ("85.5", "12,345,678", "1,234.5"), ``"ragu"`` for one separator followed
    by exactly three digits ("3.250", "1,250"), which reads either way, ``None`` without one.
    """
    found = _DIGITS.search(text)
    if found is None:
        return None
    s = found.group()
    last_dot, last_comma = s.rfind("."), s.rfind(",")
    if last_dot >= 0 and last_comma >= 0:
        return "id" if last_comma > last_dot else "en"
    if last_dot < 0 and last_comma < 0:
        return None
    sep = "." if last_dot >= 0 else ","
    if s.count(sep) > 1:
        return "id" if sep == "." else "en"
    if _ONE_GROUP.match(s):
        return "ragu"
    return "en" if sep == "." else "id"


def separator_readings(text: str) -> tuple[str, str]:
    """The two readings of a ``"ragu"`` number, as the Tim reads them: ("3.250", "3,25")."""
    found = _DIGITS.search(text)
    s = found.group() if found is not None else ""
    sep = "." if "." in s else ","
    whole = int(s.replace(sep, "") or 0)
    decimal = float(s.replace(sep, ".") or 0)
    return format_angka(whole, 0), f"{decimal:g}".replace(".", ",")


def parse_number(value: object, *, percent_format: bool = False) -> float | None:
    """Read a cell value as a number the way the OPD saw it.

    Args:
        value: the cell value (number, text, ``None``; dates and booleans are not numbers).
        percent_format: the cell's number format scales by 100 (see :func:`scales_percent`).
    Returns:
        The number (percent-formatted cells in percent points), or ``None``.
    """
    if type(value) is float and math.isfinite(value):  # the usual number cell, checked first
        return round(value * 100.0, 9) if percent_format else value
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        number = float(value)
        if number != number or number in (float("inf"), float("-inf")):
            return None
        # round away the binary noise of 0.978 * 100 = 97.80000000000001
        return round(number * 100.0, 9) if percent_format else number
    if isinstance(value, str):
        return parse_text_number(value)
    return None


def cell_text(value: object) -> str:
    """A cell value as display-ish text (for qualitative values and messages)."""
    if type(value) is float:  # the usual number cell, before the checks of other types
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, str):
        return value.strip()
    if value is None:
        return ""
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, bool):
        return "BENAR" if value else "SALAH"
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0, 0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    return str(value).strip()


def cell_shown(value: object) -> str:
    """A cell as the Tim reads it on screen: numbers the Indonesian way ("85,5",
    "5.000.000.000"); a four-digit whole number stays as written (a year: "2025")."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if float(value).is_integer():
            whole = int(value)
            return str(whole) if abs(whole) < 10_000 else format_angka(whole, 0)
        text = f"{value:.10g}"
        if "e" not in text:
            return text.replace(".", ",")
    return cell_text(value)
