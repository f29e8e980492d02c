"""Letter numbers from a pattern such as "000.8.6.3/{urut}/Org" (classification/serial/unit)."""

from __future__ import annotations

import datetime as dt
import string

from kinerja_app import clock
from kinerja_app.errors import ValidationError

POLA_BAKU = "000.8.6.3/{urut}/Org"
FIELDS = ("urut", "tahun", "bulan", "bulan_romawi")
ROMAWI = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")
# a draft has no serial yet: room to write it by hand
URUT_KOSONG = "\u00a0" * 8


def validate_pattern(pattern: str) -> None:
    """Check a number pattern; raise ValidationError with an Indonesian explanation.

    Allowed fields: {urut} (required), {tahun}, {bulan}, {bulan_romawi}, each with an optional
    format such as {urut:03d} or {bulan:02d}.
    """
    if not pattern.strip():
        raise ValidationError("Pola nomor surat tidak boleh kosong.")
    try:
        parts = list(string.Formatter().parse(pattern))
    except ValueError as exc:
        raise ValidationError(
            f"Pola nomor surat '{pattern}' tidak sah: kurung kurawal {{ }} tidak berpasangan."
        ) from exc
    seen: set[str] = set()
    for _, name, spec, conversion in parts:
        if name is None:
            continue
        if name not in FIELDS:
            allowed = ", ".join("{" + f + "}" for f in FIELDS)
            raise ValidationError(
                f"Pola nomor surat memakai bagian '{{{name}}}' yang tidak dikenal; "
                f"yang boleh: {allowed}."
            )
        if conversion:
            raise ValidationError(f"Pola nomor surat: '!{conversion}' tidak diperbolehkan.")
        if spec:
            sample = "IX" if name == "bulan_romawi" else 7
            try:
                format(sample, spec)
            except ValueError as exc:
                raise ValidationError(
                    f"Pola nomor surat: format ':{spec}' untuk {{{name}}} tidak sah."
                ) from exc
        seen.add(name)
    if "urut" not in seen:
        raise ValidationError("Pola nomor surat harus memuat {urut} (nomor urut surat).")


def format_nomor(
    pattern: str = POLA_BAKU, urut: int | None = None, tanggal: dt.date | None = None
) -> str:
    """Fill a number pattern.

    Args:
        pattern: e.g. "000.8.6.3/{urut:03d}/Org/{bulan_romawi}/{tahun}".
        urut: the serial from the register; ``None`` for a draft (blank space left).
        tanggal: the letter's date (for {tahun}, {bulan}, {bulan_romawi}); today when omitted.
    Returns:
        The number, e.g. "000.8.6.3/007/Org/XI/2026".
    Raises:
        ValidationError: an invalid pattern or a serial below 1.
    """
    validate_pattern(pattern)
    if urut is not None and urut < 1:
        raise ValidationError("Nomor urut surat harus 1 atau lebih.")
    when = tanggal or clock.today()
    values: dict[str, object] = {
        "tahun": when.year,
        "bulan": when.month,
        "bulan_romawi": ROMAWI[when.month - 1],
    }
    if urut is None:
        # keep the pattern's shape but no digits: replace the whole {urut...} field
        pattern = "".join(
            literal.replace("{", "{{").replace("}", "}}")
            + ("" if name is None else URUT_KOSONG if name == "urut" else _field(name, spec))
            for literal, name, spec, _ in string.Formatter().parse(pattern)
        )
    else:
        values["urut"] = urut
    return pattern.format(**values)


def _field(name: str, spec: str | None) -> str:
    return "{" + name + (f":{spec}" if spec else "") + "}"
