"""What every paper shares: the kop that matches its signer, the signature blocks, the page
setup, the lambang check, and its place in the archive with number, date and SHA-256.

Each paper function (``berkas_surat``, ``berkas_opd``, ``berkas_rekap``) renders its files in
memory and hands them to :func:`arsipkan`, which writes them into the period's archive folder
and records them; printing the same paper again archives nothing new (same bytes, same file).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kinerja_app.admin import settings
from kinerja_app.assets import LAMBANG_BAWAAN, resource
from kinerja_app.documents import context as doc
from kinerja_app.documents import render
from kinerja_app.documents.ttd import baris_sekda, instansi_kop
from kinerja_app.errors import UserError
from kinerja_app.formatting import format_tanggal
from kinerja_app.storage import arsip_server, audit
from kinerja_app.storage.arsip_berkas import berkas_lokal, folder_periode, salinan_arsip
from kinerja_app.storage.files import sha256_file
from kinerja_app.storage.models import Arsip, PerangkatDaerah, Periode, User
from kinerja_app.storage.models.master import Role
from kinerja_app.workflow.common import require_role, transaction

PLACEHOLDER_LOGO = resource(LAMBANG_BAWAAN)


@dataclass(frozen=True)
class Naskah:
    """One archived file of a paper: its number and date (none for a draft) and checksum."""

    jenis: str
    berkas: Path
    sha256: str
    nomor: str = ""
    tanggal: dt.date | None = None
    opd: str = ""
    arsip_id: int = 0


@dataclass(frozen=True)
class Cetakan:
    """What one paper function produced: the small record the UI shows and opens."""

    judul: str
    naskah: tuple[Naskah, ...]

    @property
    def paths(self) -> list[Path]:
        """The files, in order (what the print preview opens)."""
        return [n.berkas for n in self.naskah]

    @property
    def pesan(self) -> str:
        """A status-bar sentence: what was archived, with number and date."""
        first = self.naskah[0] if self.naskah else None
        if first is None:
            return f"{self.judul}: tidak ada berkas."
        what = f"{self.judul}: {len(self.naskah)} berkas di arsip"
        if len(self.naskah) == 1 and first.nomor:
            what += f", nomor {first.nomor}"
        if len(self.naskah) == 1 and first.tanggal:
            what += f", tanggal {format_tanggal(first.tanggal)}"
        return what + "."


@dataclass(frozen=True)
class Berkas:
    """One rendered file before it is archived."""

    nama: str
    data: bytes
    nomor: str = ""
    tanggal: dt.date | None = None
    opd_id: int | None = None


def kop(*, pemda: bool = False) -> doc.Kop:
    """The kop from the settings: the Pemerintah Daerah's for a letter signed "a.n. Bupati",
    the Sekretariat Daerah's for every other paper."""
    conf: dict[str, Any] = settings.get("kop")
    logo = Path(conf["logo"]) if conf.get("logo") else PLACEHOLDER_LOGO
    fields = {k: v for k, v in conf.items() if k != "logo"}
    fields["instansi"] = instansi_kop(pemda=pemda)
    return doc.Kop(**fields, logo=logo if logo.is_file() else None)


def lambang_pengganti() -> bool:
    """Whether the kop still shows the neutral placeholder instead of the official lambang."""
    conf: dict[str, Any] = settings.get("kop")
    path = Path(conf["logo"]) if conf.get("logo") else PLACEHOLDER_LOGO
    if not path.is_file():
        return True
    return path.resolve() == PLACEHOLDER_LOGO.resolve() or (
        sha256_file(path) == sha256_file(PLACEHOLDER_LOGO)
    )


def contoh() -> bool:
    """Whether an official paper may be printed only as a marked sample: refused outright,
    with the reason, on a real database whose lambang is still the placeholder.

    Raises:
        UserError: the lambang is the placeholder (a demo database prints "CONTOH" instead).
    """
    if not lambang_pengganti():
        return False
    if settings.get("demo"):
        return True
    raise UserError(
        "Naskah final belum dapat dicetak: lambang daerah pada kop masih gambar pengganti, "
        "bukan lambang resmi Kabupaten Lamandau. Minta administrator memasang berkas lambang "
        "resmi di Administrasi › Kop surat, lalu cetak lagi. Draf tetap dapat dicetak."
    )


def page_setup(*, landscape: bool = False) -> doc.PageSetup:
    """Paper, margins and font from the settings."""
    margin = settings.get("margin_mm")
    font = settings.get("font")
    return doc.PageSetup(
        paper=settings.get("kertas"),
        margin_atas=float(margin["atas"]),
        margin_bawah=float(margin["bawah"]),
        margin_kiri=float(margin["kiri"]),
        margin_kanan=float(margin["kanan"]),
        font_name=str(font["nama"]),
        font_size=float(font["ukuran"]),
        landscape=landscape,
    )


def template(name: str) -> render.TemplateRef:
    """The custom template set for ``name`` in the settings, else the built-in one."""
    custom: dict[str, str] = settings.get("template_kustom")
    return Path(custom[name]) if custom.get(name) else name


def pejabat(user: User | None, jabatan: str) -> doc.Pejabat:
    """A signatory from a user (name, NIP, pangkat)."""
    if user is None:
        return doc.Pejabat(jabatan=jabatan, nama="")
    return doc.Pejabat(jabatan=jabatan, nama=user.nama, nip=user.nip or "", pangkat=user.pangkat)


def pemegang(role: Role) -> User | None:
    """The (first active) holder of an office."""
    from kinerja_app.workflow.register import pemegang as holder

    return holder(role)


def blok_sekda(signer: User | None, *, an_bupati: bool, elektronik: bool = False) -> doc.BlokTtd:
    """The Sekda signs with jabatan and name only (Permendagri 1/2023 art. 44 (3))."""
    return doc.BlokTtd(
        baris=baris_sekda(an_bupati=an_bupati),
        nama=signer.nama if signer else "",
        elektronik="Ditandatangani secara elektronik melalui SRIKANDI" if elektronik else "",
    )


def blok_kabag(signer: User | None) -> doc.BlokTtd:
    """The Kabag signs "a.n. Sekretaris Daerah, Asisten ..., u.b." with pangkat and NIP."""
    return doc.BlokTtd(
        baris=[
            "a.n. SEKRETARIS DAERAH",
            Role.ASISTEN.label.upper(),
            "u.b.",
            "KEPALA BAGIAN ORGANISASI,",
        ],
        nama=signer.nama if signer else "",
        pangkat=signer.pangkat if signer else "",
        nip=(signer.nip or "") if signer else "",
    )


def penerima(opd: PerangkatDaerah) -> doc.Penerima:
    """The addressee block of an OPD."""
    return doc.Penerima(
        jabatan_kepala=opd.jabatan_kepala or f"Kepala {opd.nama}",
        nama_opd=opd.nama,
        alamat=opd.alamat,
    )


def berkas(
    template_name: str,
    items: render.Items,
    *,
    meta: Sequence[tuple[str, dt.date | None, int | None]] = (),
    landscape: bool = False,
) -> list[Berkas]:
    """Render ``items`` with the template in force; ``meta`` gives each file's (nomor, tanggal,
    OPD id) in order (default: none)."""
    named = render.named_bytes(template(template_name), items, page_setup(landscape=landscape))
    info = list(meta) or [("", None, None)] * len(named)
    return [
        Berkas(name, data, nomor, tanggal, opd_id)
        for (name, data), (nomor, tanggal, opd_id) in zip(named, info, strict=True)
    ]


def arsipkan(
    user: User,
    periode: Periode,
    jenis: str,
    folder: str,
    files: Sequence[Berkas],
    *,
    syarat: Callable[[], None] | None = None,
) -> Cetakan:
    """Write ``files`` into ``<archive>/Tahun N/<folder>`` and record each with its number,
    date and SHA-256, in one transaction with one audit row that commits to the rows.

    The bytes are staged before the transaction and each file's name claimed inside it (see
    :func:`kinerja_app.storage.arsip_berkas.salinan_arsip`), so two workstations printing at
    once never share or remove each other's file. A file whose bytes are archived already (the
    same paper printed again) is not kept twice; a changed paper gets a new file beside the old
    one, which stays as archived.

    Args:
        syarat: a check of the state the paper was made for, run again inside the transaction
            (it refuses when another workstation changed that state meanwhile).
    """
    aksi = "arsipkan_naskah"
    where = folder_periode(periode.tahun, folder)
    done: list[Arsip] = []
    created: list[Arsip] = []
    staged = [(item.data, where, item.nama) for item in files]
    with salinan_arsip(staged) as copies, transaction(aksi, user, periode_id=periode.id):
        require_role(aksi, user, *Role, periode_id=periode.id)  # an active account
        if syarat is not None:
            syarat()
        for index, item in enumerate(files):
            row = (
                Arsip.select()
                .where(
                    (Arsip.periode == periode)
                    & (Arsip.sha256 == copies.sidik(index))
                    & (Arsip.jenis == jenis)
                )
                .first()
            )
            if row is None or not _tersimpan(row.berkas):
                path, digest = copies[index]  # claims the file's name, in this transaction
                row = Arsip.create(
                    periode=periode,
                    jenis=jenis,
                    berkas=str(path),
                    sha256=digest,
                    nomor=item.nomor,
                    tanggal=item.tanggal,
                    opd_id=item.opd_id,
                    dicatat_oleh=user,
                )
                created.append(row)
            done.append(row)
        if created:
            first = created[0]
            audit.write(
                aksi,
                pelaku=user,
                keterangan=f"{jenis}: {len(created)} berkas dibuat dan diarsipkan"
                + (f", nomor {first.nomor}" if len(created) == 1 and first.nomor else ""),
                periode_id=periode.id,
                objek="arsip",
                objek_id=first.id,
                detail={
                    "berkas": [Path(r.berkas).name for r in created],
                    "sha256": [r.sha256 for r in created],
                },
                data={Arsip: [r.id for r in created]},
            )
    return Cetakan(jenis, tuple(_naskah(row) for row in done))


def _tersimpan(stored: str) -> bool:
    """Whether an archived file is still there (in the folder, or in the server database)."""
    return arsip_server.parse_ref(stored) is not None or Path(stored).is_file()


def _naskah(row: Arsip) -> Naskah:
    """The record of an archived paper, with a path this workstation can open."""
    opd = PerangkatDaerah.get_or_none(PerangkatDaerah.id == row.opd_id) if row.opd_id else None
    return Naskah(
        jenis=row.jenis,
        berkas=berkas_lokal(row.berkas),
        sha256=row.sha256,
        nomor=row.nomor,
        tanggal=row.tanggal,
        opd=opd.nama if opd else "",
        arsip_id=row.id,
    )
