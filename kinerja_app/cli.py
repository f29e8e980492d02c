"""Command line of ``kinerja`` and ``python main.py``: the GUI by default, Qt-free subcommands.

kinerja [--db PATH] [--demo]          start the application
kinerja verify FILE... [--json] [--db PATH]  check OPD workbooks without storing them
kinerja audit-verify [--db PATH]      verify the audit hash chain
kinerja demo-docs DIR                 write every document of the demo period
kinerja backup [--db PATH]            take an online backup now
kinerja siapkan-server URL --peran-aplikasi AKUN   prepare an empty server database
kinerja pindah-ke URL [--db PATH]     move a SQLite database and its archive to a server
kinerja sandi-server URL              store this user's server password (0600 file)

The core has no windows: the composition roots (``main.py``, ``ui/launch.py``) pass the GUI in.
"""

from __future__ import annotations

import argparse
import errno
import logging
import re
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NoReturn

from kinerja_app import __version__
from kinerja_app.errors import KinerjaError, UserError, alasan_os
from kinerja_app.log import hide_sql_parameters

GuiRunner = Callable[[str | None, bool, bool], int]  # (db, demo, choose connection) -> status


def command_name(argv0: str) -> str:
    """How the user started us, for the usage line: "kinerja" or "python main.py"."""
    name = re.split(r"[\\/]", argv0)[-1]  # a Windows path too, wherever this runs
    return f"python {name}" if name.endswith(".py") else name.removesuffix(".exe")


# argparse's own sentences (English), as the user reads them here
_ARGPARSE_MESSAGES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), text)
    for pattern, text in (
        (r"^the following arguments are required: (.+)$", r"argumen berikut wajib diisi: \1"),
        (r"^argument (.+?): expected one argument$", r"argumen \1 perlu satu nilai"),
        (r"^argument (.+?): expected at least one argument$", r"argumen \1 perlu nilai"),
        (
            r"^argument (.+?): invalid int value: (.+)$",
            r"argumen \1: \2 bukan bilangan bulat",
        ),
        (
            r"^argument (.+?): invalid \S+ value: (.+)$",
            r"argumen \1: nilai \2 tidak sah",
        ),
        (
            r"^argument (.+?): invalid choice: (.+?) \(choose from (.+)\)$",
            r"argumen \1: \2 tidak dikenal; pilih salah satu dari \3",
        ),
        (r"^unrecognized arguments: (.+)$", r"argumen tidak dikenal: \1"),
        (r"^ambiguous option: (.+?) could match (.+)$", r"opsi \1 tidak jelas: bisa \2"),
    )
)


def _indonesian(message: str) -> str:
    """An argparse error in Indonesian (unknown ones are left as they are)."""
    for pattern, text in _ARGPARSE_MESSAGES:
        if pattern.match(message):
            return pattern.sub(text, message)
    return message


class _Formatter(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):  # type: ignore[no-untyped-def]
        super().add_usage(usage, actions, groups, "penggunaan: " if prefix is None else prefix)


class _Parser(argparse.ArgumentParser):
    """argparse speaking Indonesian: usage line, headings, ``-h`` and every error."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        self._positionals.title = "argumen"
        self._optionals.title = "opsi"
        self.add_argument("-h", "--help", action="help", help="tampilkan bantuan ini, lalu keluar")

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(
            2,
            f"{self.prog}: {_indonesian(message)}. Lihat {self.prog} --help.\n",
        )


def build_parser() -> argparse.ArgumentParser:
    """The argument parser, with every option and subcommand documented."""
    parser = _Parser(
        prog=command_name(sys.argv[0]),
        description=(
            "Kinerja — Pengumpulan Data Kinerja, Bagian Organisasi Setda Kabupaten Lamandau. "
            "Tanpa subperintah, aplikasi desktop dibuka."
        ),
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"Kinerja {__version__}",
        help="tampilkan versi Kinerja, lalu keluar",
    )
    parser.add_argument(
        "--db",
        metavar="PATH|URL",
        help=(
            "berkas basis data SQLite (bawaan: kinerja.db di folder data pengguna) atau server "
            "bersama postgresql://pengguna@server:5432/kinerja"
        ),
    )
    parser.add_argument(
        "--demo",
        action="store_true",
        help="buka aplikasi pada basis data sementara berisi periode contoh (data tahun lalu)",
    )
    parser.add_argument(
        "--sambungan",
        action="store_true",
        help="pilih basis data komputer ini atau server bersama kantor sebelum aplikasi dibuka",
    )
    parser.add_argument("--verbose", "-v", action="store_true", help="catat log rinci ke konsol")
    sub = parser.add_subparsers(dest="command", metavar="SUBPERINTAH")

    verify = sub.add_parser("verify", help="periksa buku kerja OPD tanpa menyimpannya")
    verify.add_argument(
        "files",
        nargs="+",
        type=Path,
        metavar="FILE",
        help="buku kerja .xlsx, .xls atau .ods, atau folder berisi buku kerja",
    )
    verify.add_argument("--json", action="store_true", help="cetak hasil sebagai larik JSON")
    verify.add_argument("--tahun", type=int, metavar="N", help="tahun data yang diharapkan")
    verify.add_argument(
        "--db",
        type=Path,
        metavar="PATH",
        dest="sub_db",
        help="basis data: cocokkan OPD dan pakai pemetaan kolom yang diingat",
    )

    audit = sub.add_parser(
        "audit-verify", help="periksa rantai hash jejak audit dan data yang dicatatnya"
    )
    audit.add_argument(
        "--db", metavar="PATH|URL", dest="sub_db", help="basis data (berkas atau server)"
    )
    audit.add_argument(
        "--kepala",
        action="append",
        default=[],
        metavar="HASH",
        help="kepala rantai yang tercetak pada surat atau rekap final (boleh berulang)",
    )
    audit.add_argument(
        "--cadangan",
        action="append",
        default=[],
        type=Path,
        metavar="FILE",
        help="berkas cadangan: jejak audit sekarang harus memuat seluruh isinya (boleh berulang)",
    )

    docs = sub.add_parser("demo-docs", help="tulis semua dokumen periode contoh ke folder DIR")
    docs.add_argument("dir", type=Path, metavar="DIR")

    server = sub.add_parser(
        "siapkan-server",
        help="siapkan basis data kosong di server bersama (sekali, dengan akun pemilik)",
    )
    server.add_argument("url", metavar="URL", help="postgresql://pemilik@server:5432/kinerja")
    server.add_argument(
        "--peran-aplikasi",
        metavar="AKUN",
        required=True,
        help="akun server yang dipakai komputer-komputer kantor (mis. kinerja_staf)",
    )

    move = sub.add_parser(
        "pindah-ke",
        help="pindahkan basis data berkas (SQLite) beserta arsipnya ke basis data server kosong",
    )
    move.add_argument("url", metavar="URL", help="postgresql://pemilik@server:5432/kinerja")
    move.add_argument("--db", metavar="PATH", dest="sub_db", help="berkas basis data sumber")
    move.add_argument("--peran-aplikasi", metavar="AKUN", help="akun server komputer kantor")

    password = sub.add_parser(
        "sandi-server",
        help="simpan kata sandi server untuk pengguna komputer ini (ditanyakan, tidak ditampilkan)",
    )
    password.add_argument("url", metavar="URL", help="postgresql://akun@server:5432/kinerja")

    backup = sub.add_parser("backup", help="buat cadangan basis data sekarang")
    backup.add_argument(
        "--db", metavar="PATH|URL", dest="sub_db", help="basis data (berkas atau server)"
    )
    return parser


def _audit_verify(target: str | None, kepala: list[str], cadangan: list[Path]) -> int:
    from kinerja_app.storage.backup import backup_head
    from kinerja_app.storage.db import close_database, default_db_path, open_database
    from kinerja_app.storage.verifikasi_audit import normalise_anchor, verify

    try:
        anchors = [normalise_anchor(k) for k in kepala]
    except ValueError as exc:
        raise UserError(str(exc)) from exc
    for path in cadangan:
        head = backup_head(path)
        if not head:
            raise UserError(
                f"Cadangan {path} belum memuat jejak audit, jadi tidak membuktikan apa pun. "
                "Pilih cadangan yang lebih baru."
            )
        anchors.append(head)
    open_database(target or default_db_path(), read_only=True)
    try:
        report = verify(kepala=anchors)
    finally:
        close_database()
    if report.ok:
        proven = f"; {len(anchors)} kepala rantai dari luar ditemukan" if anchors else ""
        print(f"Jejak audit utuh: {report.rows} baris, kepala rantai {report.head}{proven}")
        return 0
    if report.broken_id is not None:
        print(
            f"Jejak audit RUSAK pada baris id {report.broken_id}: {report.reason}", file=sys.stderr
        )
    for problem in report.problems:
        print(f"Jejak audit RUSAK: {problem}", file=sys.stderr)
    return 1


def _backup(target: str | None) -> int:
    from kinerja_app.storage.backup import create_backup
    from kinerja_app.storage.db import (
        backup_dir_for,
        default_db_path,
        is_server,
    )
    from kinerja_app.storage.lokasi import prepare_location

    if target and is_server(target):
        from kinerja_app.storage import backup_server, credentials, server
        from kinerja_app.storage.db import server_backup_dir

        address = server.parse_url(target)
        made = backup_server.create_server_backup(
            address, server_backup_dir(address), credentials.passfile_path()
        )
        print(f"Cadangan dibuat: {made}")
        return 0
    path = Path(target) if target else default_db_path()
    prepare_location(path, create=False)
    made = create_backup(path, backup_dir_for(path), keep=14, label="manual")
    print(f"Cadangan dibuat: {made}")
    return 0


def _server_address(url: str, command: str) -> str:
    """``url`` when it names a PostgreSQL server; a file path or another scheme is refused (it
    would otherwise open, even create, a SQLite file of that name)."""
    from kinerja_app.storage import server

    if not server.is_server_url(url):
        raise UserError(
            f"'{url}' bukan alamat server basis data: perintah {command} hanya untuk server "
            "bersama. Tulis alamatnya seperti postgresql://kinerja_pemilik@192.168.1.10:5432/"
            "kinerja."
        )
    server.parse_url(url)
    return url


def _siapkan_server(url: str, role: str) -> int:
    from kinerja_app.storage import migrations
    from kinerja_app.storage.db import close_database, describe, open_database

    db = open_database(_server_address(url, "siapkan-server"))
    try:
        migrations.grant_app_role(db, role)
        print(f"Basis data {describe()} siap; akun '{role}' dapat dipakai komputer kantor.")
    finally:
        close_database()
    return 0


def _pindah_ke(url: str, source: str | None, role: str | None) -> int:
    from kinerja_app.storage import migrations, pindah
    from kinerja_app.storage.db import close_database, default_db_path, open_database

    url = _server_address(url, "pindah-ke")
    path = Path(source) if source else default_db_path()
    if not path.is_file():
        print(f"Basis data sumber {path} tidak ditemukan.", file=sys.stderr)
        return 2
    report = pindah.move(path, url, progress=print)
    for table, count in report.rows.items():
        print(f"  {table}: {count} baris")
    print(f"  berkas arsip: {report.files}; jejak audit: {report.audit_rows} baris")
    if not report.ok:
        for problem in report.problems:
            print(f"TIDAK COCOK: {problem}", file=sys.stderr)
        return 1
    if role:
        db = open_database(url)
        try:
            migrations.grant_app_role(db, role)
        finally:
            close_database()
    print(
        f"Pemindahan selesai dan terverifikasi; kepala rantai audit sumber {report.source_head} "
        f"ada utuh di server, kepala rantai sekarang {report.audit_head}."
    )
    print(f"Basis data lama {path} tidak diubah; simpan sebagai cadangan.")
    return 0


def _sandi_server(url: str) -> int:
    import getpass

    from kinerja_app.storage import credentials, server

    address = server.parse_url(_server_address(url, "sandi-server"))
    path = credentials.save_password(address, getpass.getpass(f"Kata sandi {address.user}: "))
    print(f"Kata sandi disimpan di {path} (hanya dapat dibaca pengguna ini).")
    return 0


def _verify_files(
    paths: list[Path], json_out: bool, tahun: int | None, db_path: Path | None
) -> int:
    """``verify``: a folder stands for the workbooks in it."""
    from kinerja_app.importer.penerimaan import daftar_berkas
    from kinerja_app.importer.report import run_verify_cli

    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = daftar_berkas(path)
            if not found:
                raise UserError(
                    f"Folder {path} tidak berisi buku kerja (.xlsx, .xls, .ods). Sebutkan berkasnya, "
                    "atau folder yang berisi berkas data OPD."
                )
            files += found
        else:
            files.append(path)
    forwarded = [str(p) for p in files]
    forwarded += ["--json"] if json_out else []
    forwarded += ["--tahun", str(tahun)] if tahun else []
    forwarded += ["--db", str(db_path)] if db_path else []
    return run_verify_cli(forwarded)


def _demo_docs(folder: Path) -> int:
    from kinerja_app.demo.dokumen import write_demo_documents

    if folder.exists() and not folder.is_dir():
        raise UserError(
            f"{folder} adalah berkas, bukan folder. Sebutkan folder (baru atau kosong) untuk "
            "menyimpan dokumen contoh."
        )
    for path in write_demo_documents(folder):
        print(path)
    return 0


def _os_message(exc: OSError) -> str:
    """An operating-system error as a sentence (no traceback)."""
    name = f" {exc.filename}" if exc.filename else ""
    reason = alasan_os(exc)
    if isinstance(exc, PermissionError):
        hint = "Periksa izin folder itu, atau pilih folder lain yang dapat ditulisi."
    elif isinstance(exc, FileNotFoundError):
        hint = "Periksa nama berkas dan foldernya."
    elif getattr(exc, "errno", None) == errno.ENOSPC:
        hint = "Kosongkan ruang disk, lalu ulangi."
    else:
        hint = "Periksa berkas atau folder itu, lalu ulangi."
    return f"Berkas atau folder{name} tidak dapat dipakai ({reason}). {hint}"


def main(argv: Sequence[str] | None = None, run_gui: GuiRunner | None = None) -> int:
    """Parse ``argv`` and run a subcommand, or ``run_gui`` without one; the exit status."""
    args = build_parser().parse_args(argv)
    console = logging.StreamHandler()
    console.setLevel(logging.DEBUG if args.verbose else logging.WARNING)  # the log file gets INFO
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        handlers=[console],
    )
    hide_sql_parameters()
    try:
        if args.command == "verify":
            return _verify_files(args.files, args.json, args.tahun, args.sub_db)
        if args.command == "audit-verify":
            return _audit_verify(args.sub_db or args.db, args.kepala, args.cadangan)
        if args.command == "siapkan-server":
            return _siapkan_server(args.url, args.peran_aplikasi)
        if args.command == "pindah-ke":
            return _pindah_ke(args.url, args.sub_db or args.db, args.peran_aplikasi)
        if args.command == "sandi-server":
            return _sandi_server(args.url)
        if args.command == "backup":
            return _backup(args.sub_db or args.db)
        if args.command == "demo-docs":
            return _demo_docs(args.dir)
    except KinerjaError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    except OSError as exc:
        print(_os_message(exc), file=sys.stderr)
        return 2
    except Exception:  # a bug: a sentence for the user, the traceback with --verbose only
        logging.getLogger(__name__).error("bug in %s", args.command, exc_info=args.verbose)
        print(
            "Maaf, terjadi kesalahan di dalam aplikasi; tidak ada data yang diubah. Jalankan "
            "lagi dengan --verbose untuk rinciannya dan sampaikan kepada administrator.",
            file=sys.stderr,
        )
        return 3
    if run_gui is None:
        print("Sebutkan subperintah (lihat --help).", file=sys.stderr)
        return 2
    return int(run_gui(args.db, args.demo, args.sambungan))
