"""Write services for master data: the OPD list (with .xlsx import/export), holidays, settings.

Every write checks the Administrator role, runs in one transaction with its audit row and
returns a :class:`~kinerja_app.workflow.common.Changes`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kinerja_app.admin import settings
from kinerja_app.errors import ValidationError
from kinerja_app.formatting import format_tanggal
from kinerja_app.storage import audit
from kinerja_app.storage.files import atomic_output
from kinerja_app.storage.models import HariLibur, PerangkatDaerah, User
from kinerja_app.storage.models.master import Role
from kinerja_app.workflow.common import (
    Area,
    Changes,
    clean_text,
    refuse,
    require_role,
    transaction,
)

# Column headers of the OPD workbook, in order (import accepts them in any order).
KOLOM_OPD: tuple[tuple[str, str], ...] = (
    ("kode", "Kode"),
    ("nama", "Nama Perangkat Daerah"),
    ("singkatan", "Singkatan"),
    ("jenis", "Jenis"),
    ("jabatan_kepala", "Jabatan Kepala"),
    ("nama_kepala", "Nama Kepala"),
    ("alamat", "Alamat"),
    ("urutan", "Urutan"),
    ("aktif", "Aktif"),
)
_YA = {"ya", "y", "aktif", "1", "true", "benar"}
_TIDAK = {"tidak", "t", "nonaktif", "0", "false", "salah"}


@dataclass(frozen=True)
class DataOpd:
    """The editable fields of one Perangkat Daerah."""

    kode: str
    nama: str
    singkatan: str = ""
    jenis: str = ""
    jabatan_kepala: str = ""
    nama_kepala: str = ""
    alamat: str = ""
    urutan: int = 0
    aktif: bool = True

    def cleaned(self) -> DataOpd:
        """Validated copy: code upper-case without spaces, name required, lengths checked."""
        kode = clean_text(self.kode, "Kode", max_length=20).upper().replace(" ", "")
        return DataOpd(
            kode=kode,
            nama=clean_text(self.nama, "Nama Perangkat Daerah", max_length=200),
            singkatan=clean_text(self.singkatan, "Singkatan", max_length=40, required=False),
            jenis=clean_text(self.jenis, "Jenis", max_length=40, required=False),
            jabatan_kepala=clean_text(
                self.jabatan_kepala, "Jabatan kepala", max_length=200, required=False
            ),
            nama_kepala=clean_text(self.nama_kepala, "Nama kepala", max_length=200, required=False),
            alamat=clean_text(self.alamat, "Alamat", max_length=300, required=False),
            urutan=int(self.urutan),
            aktif=bool(self.aktif),
        )

    def fields(self) -> dict[str, Any]:
        """Column values for the model."""
        return {name: getattr(self, name) for name, _ in KOLOM_OPD}


def simpan_opd(admin: User, data: DataOpd, opd: PerangkatDaerah | None = None) -> Changes:
    """Create (``opd`` is None) or update one Perangkat Daerah (administrator only).

    Args:
        admin: an administrator.
        data: the fields.
        opd: the row to update, or ``None`` to create.
    Returns:
        The change record; ``objek_id`` is the OPD id.
    """
    aksi = "simpan_opd"
    clean = data.cleaned()
    taken = f"Kode '{clean.kode}' sudah dipakai; pilih kode lain."
    with transaction(aksi, admin, bentrok=taken):
        require_role(aksi, admin, Role.ADMIN)
        clash = PerangkatDaerah.get_or_none(PerangkatDaerah.kode == clean.kode)
        if clash is not None and (opd is None or clash.id != opd.id):
            refuse(aksi, admin, f"Kode '{clean.kode}' sudah dipakai oleh {clash.nama}.")
        if opd is None:
            row = PerangkatDaerah.create(**clean.fields())
        else:
            PerangkatDaerah.update(**clean.fields()).where(PerangkatDaerah.id == opd.id).execute()
            row = PerangkatDaerah.get_by_id(opd.id)
        audit.write(
            aksi,
            pelaku=admin,
            keterangan=f"Perangkat Daerah {clean.nama} ({clean.kode}) disimpan",
            objek="perangkat_daerah",
            objek_id=row.id,
            detail={"kode": clean.kode, "aktif": clean.aktif},
            data={PerangkatDaerah: [row.id]},
        )
    return Changes.of(Area.MASTER, pesan=f"{clean.nama} disimpan.", objek_id=row.id)


def nonaktifkan_opd(admin: User, opd: PerangkatDaerah) -> Changes:
    """Deactivate an OPD: it stays in past periods but is not expected in new ones."""
    aksi = "nonaktifkan_opd"
    with transaction(aksi, admin):
        require_role(aksi, admin, Role.ADMIN)
        if not PerangkatDaerah.get_by_id(opd.id).aktif:
            refuse(aksi, admin, f"{opd.nama} sudah nonaktif.")
        PerangkatDaerah.update(aktif=False).where(PerangkatDaerah.id == opd.id).execute()
        audit.write(
            aksi,
            pelaku=admin,
            keterangan=f"Perangkat Daerah {opd.nama} dinonaktifkan",
            objek="perangkat_daerah",
            objek_id=opd.id,
            data={PerangkatDaerah: [opd.id]},
        )
    return Changes.of(Area.MASTER, pesan=f"{opd.nama} dinonaktifkan.", objek_id=opd.id)


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _parse_aktif(text: str, baris: int) -> bool:
    low = text.strip().lower()
    if not low or low in _YA:
        return True
    if low in _TIDAK:
        return False
    raise ValidationError(f"Baris {baris}: kolom Aktif berisi '{text}'; isi 'Ya' atau 'Tidak'.")


def baca_opd_xlsx(path: Path) -> list[DataOpd]:
    """Read an OPD list workbook (first sheet, a header row naming the columns).

    The file goes through the same guard as the OPDs' data (zip bombs, an oversized text
    table, entities, a million spacer rows), then python-calamine reads it.

    Raises:
        UnreadableFile: the file is not a safe, readable workbook.
        ValidationError: a required column is missing or a row is not acceptable.
    """
    from kinerja_app.importer.grid import load_book  # only for this action

    sheets = [s for s in load_book(path).sheets if not s.hidden]
    rows = [tuple(r) for r in sheets[0].rows] if sheets else []
    if not rows:
        raise ValidationError(f"Berkas {path.name} kosong.")
    by_label = {label.lower(): name for name, label in KOLOM_OPD} | {
        name: name for name, _ in KOLOM_OPD
    }
    header = [by_label.get(_cell_text(v).lower()) for v in rows[0]]
    for required, label in (("kode", "Kode"), ("nama", "Nama Perangkat Daerah")):
        if required not in header:
            raise ValidationError(
                f"Kolom '{label}' tidak ditemukan pada baris judul berkas {path.name}."
            )
    result: list[DataOpd] = []
    seen: set[str] = set()
    for number, values in enumerate(rows[1:], start=2):
        record = {name: _cell_text(v) for name, v in zip(header, values, strict=False) if name}
        if not any(record.values()):
            continue
        try:
            urutan = int(float(record.get("urutan") or 0))
        except ValueError as exc:
            raise ValidationError(
                f"Baris {number}: Urutan '{record.get('urutan')}' bukan angka."
            ) from exc
        try:
            data = DataOpd(
                kode=record.get("kode", ""),
                nama=record.get("nama", ""),
                singkatan=record.get("singkatan", ""),
                jenis=record.get("jenis", ""),
                jabatan_kepala=record.get("jabatan_kepala", ""),
                nama_kepala=record.get("nama_kepala", ""),
                alamat=record.get("alamat", ""),
                urutan=urutan or number - 1,
                aktif=_parse_aktif(record.get("aktif", ""), number),
            ).cleaned()
        except ValidationError as exc:
            raise ValidationError(f"Baris {number}: {exc}") from exc
        if data.kode in seen:
            raise ValidationError(f"Baris {number}: kode '{data.kode}' muncul dua kali.")
        seen.add(data.kode)
        result.append(data)
    if not result:
        raise ValidationError(f"Berkas {path.name} tidak memuat satu pun Perangkat Daerah.")
    return result


def impor_opd_xlsx(admin: User, path: Path) -> Changes:
    """Import the OPD list from .xlsx: rows are matched by code, new codes are added.

    OPDs missing from the file are left as they are (deactivate them explicitly).

    Returns:
        The change record; ``pesan`` says how many were added and updated.
    """
    aksi = "impor_opd"
    rows = baca_opd_xlsx(path)
    added = updated = 0
    with transaction(aksi, admin):
        require_role(aksi, admin, Role.ADMIN)
        touched: list[int] = []
        for data in rows:
            row = PerangkatDaerah.get_or_none(PerangkatDaerah.kode == data.kode)
            if row is None:
                touched.append(PerangkatDaerah.create(**data.fields()).id)
                added += 1
            else:
                PerangkatDaerah.update(**data.fields()).where(
                    PerangkatDaerah.id == row.id
                ).execute()
                touched.append(row.id)
                updated += 1
        audit.write(
            aksi,
            pelaku=admin,
            keterangan=f"Daftar Perangkat Daerah diimpor dari {path.name}: {added} baru, {updated} diperbarui",
            objek="perangkat_daerah",
            detail={"berkas": path.name, "baru": added, "diperbarui": updated},
            data={PerangkatDaerah: touched},
        )
    return Changes.of(Area.MASTER, pesan=f"{added} Perangkat Daerah baru, {updated} diperbarui.")


def ekspor_opd_xlsx(path: Path) -> Path:
    """Write the whole OPD list (active and inactive) to ``path`` as .xlsx, atomically."""
    import openpyxl
    from openpyxl.styles import Font

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Perangkat Daerah"
    sheet.append([label for _, label in KOLOM_OPD])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for opd in PerangkatDaerah.select().order_by(PerangkatDaerah.urutan, PerangkatDaerah.nama):
        sheet.append(
            [
                opd.kode,
                opd.nama,
                opd.singkatan,
                opd.jenis,
                opd.jabatan_kepala,
                opd.nama_kepala,
                opd.alamat,
                opd.urutan,
                "Ya" if opd.aktif else "Tidak",
            ]
        )
    for letter, width in zip("ABCDEFGHI", (16, 60, 20, 14, 60, 30, 30, 8, 8), strict=True):
        sheet.column_dimensions[letter].width = width
    with atomic_output(path) as out:
        book.save(out)
    return path


def tambah_hari_libur(admin: User, tanggal: dt.date, nama: str) -> Changes:
    """Add a cuti bersama or regional holiday to the working calendar."""
    aksi = "tambah_hari_libur"
    text = clean_text(nama, "Keterangan hari libur", max_length=200)
    taken = f"Tanggal {format_tanggal(tanggal)} sudah ada di daftar hari libur."
    with transaction(aksi, admin, bentrok=taken):
        require_role(aksi, admin, Role.ADMIN)
        if HariLibur.select().where(HariLibur.tanggal == tanggal).exists():
            refuse(aksi, admin, taken)
        row = HariLibur.create(tanggal=tanggal, nama=text)
        audit.write(
            aksi,
            pelaku=admin,
            keterangan=f"Hari libur {tanggal.isoformat()} ({text}) ditambahkan",
            objek="hari_libur",
            objek_id=row.id,
            data={HariLibur: [row.id]},
        )
    return Changes.of(Area.PENGATURAN, pesan="Hari libur ditambahkan.", objek_id=row.id)


def hapus_hari_libur(admin: User, libur: HariLibur) -> Changes:
    """Remove an extra holiday from the working calendar."""
    aksi = "hapus_hari_libur"
    with transaction(aksi, admin):
        require_role(aksi, admin, Role.ADMIN)
        if not HariLibur.delete().where(HariLibur.id == libur.id).execute():
            refuse(
                aksi,
                admin,
                f"Hari libur {format_tanggal(libur.tanggal)} sudah tidak ada di daftar (baru "
                "saja dihapus dari komputer lain). Muat ulang daftarnya (F5).",
            )
        audit.write(
            aksi,
            pelaku=admin,
            keterangan=f"Hari libur {libur.tanggal} ({libur.nama}) dihapus",
            objek="hari_libur",
            objek_id=libur.id,
            data={HariLibur: [libur.id]},
        )
    return Changes.of(Area.PENGATURAN, pesan="Hari libur dihapus.")


def _validate_settings(values: Mapping[str, Any]) -> None:
    """Refuse settings that would break the documents later (checked before anything is stored)."""
    from kinerja_app.documents.nomor import validate_pattern
    from kinerja_app.documents.render import check_custom_template

    if "nomor_pola" in values:
        validate_pattern(str(values["nomor_pola"]))
    for name, path in dict(values.get("template_kustom") or {}).items():
        if path:
            check_custom_template(name, Path(path))
    logo = str((values.get("kop") or {}).get("logo") or "")
    if logo and not Path(logo).is_file():
        raise ValidationError(
            f"Berkas lambang {logo} tidak ditemukan; pilih berkas gambar (.png/.jpg)."
        )
    bands = values.get("predikat")
    if bands is not None and (
        not bands
        or any(not str(name).strip() for _, name in bands)
        or len({lo for lo, _ in bands}) != len(bands)
    ):
        raise ValidationError(
            "Skala predikat harus berisi nama untuk setiap batas, dan batasnya berbeda-beda."
        )


def simpan_pengaturan(admin: User, values: Mapping[str, Any]) -> Changes:
    """Store several settings at once (administrator only), each audited with old and new value.

    Only keys whose value changed are written; unknown keys are a programming error.
    """
    aksi = "simpan_pengaturan"
    unknown = set(values) - set(settings.DEFAULTS)
    if unknown:
        raise KeyError(", ".join(sorted(unknown)))
    _validate_settings(values)
    with transaction(aksi, admin):
        require_role(aksi, admin, Role.ADMIN)
        changed = [key for key, value in values.items() if settings.get(key) != value]
        for key in changed:
            settings.put(key, values[key], admin)
    pesan = "Pengaturan disimpan." if changed else "Tidak ada pengaturan yang berubah."
    return Changes.of(Area.PENGATURAN, pesan=pesan)
