"""NIP (Nomor Induk Pegawai) validation: 18 digits read as 8-6-1-3."""

from __future__ import annotations

import datetime as dt

from kinerja_app import clock
from kinerja_app.errors import ValidationError


def normalise_nip(text: str) -> str:
    """Strip the spaces and dots people type between the NIP groups."""
    return "".join(ch for ch in text if not ch.isspace() and ch not in ".-")


def validate_nip(text: str) -> str:
    """Check a NIP and return it as 18 bare digits.

    The groups are: birth date (YYYYMMDD), TMT CPNS (YYYYMM), sex (1 male, 2 female),
    sequence number (001-999).

    Args:
        text: the NIP as typed, spaces allowed.
    Returns:
        The 18 digits.
    Raises:
        ValidationError: with an Indonesian message naming the wrong part.
    """
    nip = normalise_nip(text)
    if len(nip) != 18 or not nip.isdigit():
        raise ValidationError(
            f"NIP harus 18 angka (contoh: 19780226 199703 1 002); yang diisi: {text.strip()!r}."
        )
    try:
        lahir = dt.date(int(nip[0:4]), int(nip[4:6]), int(nip[6:8]))
    except ValueError:
        raise ValidationError(
            f"8 angka pertama NIP harus tanggal lahir yang sah (TTTTBBHH), bukan {nip[:8]}."
        ) from None
    tahun_tmt, bulan_tmt = int(nip[8:12]), int(nip[12:14])
    if not 1 <= bulan_tmt <= 12:
        raise ValidationError(
            f"Angka 9–14 NIP harus tahun dan bulan TMT CPNS; bulan {bulan_tmt:02d} tidak ada."
        )
    if tahun_tmt < lahir.year + 15 or tahun_tmt > clock.today().year + 1:
        raise ValidationError(
            f"Tahun TMT CPNS {tahun_tmt} tidak masuk akal untuk tanggal lahir {lahir.year}; periksa NIP."
        )
    if nip[14] not in "12":
        raise ValidationError(f"Angka ke-15 NIP adalah jenis kelamin (1 atau 2), bukan {nip[14]}.")
    if nip[15:] == "000":
        raise ValidationError("Tiga angka terakhir NIP (nomor urut) tidak boleh 000.")
    return nip
