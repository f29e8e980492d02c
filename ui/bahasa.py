"""Qt's own words in Indonesian: buttons, file and print dialogs, context menus.

Qt ships no Indonesian translation (``qtbase_id.qm`` does not exist upstream, in
PySide6-Essentials or elsewhere), so :class:`TerjemahanQt` answers Qt's ``tr()`` calls from
the table below: one mechanism for every message box, button box and standard dialog, instead
of renaming buttons dialog by dialog. Source strings are Qt's own (``qtbase_*.ts``, by context).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

INDONESIA = QLocale(QLocale.Language.Indonesian, QLocale.Country.Indonesia)

_TOMBOL = {
    "OK": "OK",
    "&OK": "&OK",
    "Save": "Simpan",
    "&Save": "&Simpan",
    "Save All": "Simpan semua",
    "Open": "Buka",
    "&Open": "&Buka",
    "&Yes": "&Ya",
    "Yes": "Ya",
    "Yes to &All": "Ya untuk &semua",
    "&No": "&Tidak",
    "No": "Tidak",
    "N&o to All": "Tidak &untuk semua",
    "Abort": "Hentikan",
    "Retry": "Coba lagi",
    "Ignore": "Abaikan",
    "Close": "Tutup",
    "&Close": "&Tutup",
    "Cancel": "Batal",
    "&Cancel": "&Batal",
    "Discard": "Buang",
    "Help": "Bantuan",
    "Apply": "Terapkan",
    "Reset": "Atur ulang",
    "Restore Defaults": "Kembalikan bawaan",
}

_MENU_TEKS = {
    "&Undo": "&Urungkan",
    "&Redo": "&Ulangi",
    "Cu&t": "Po&tong",
    "&Copy": "&Salin",
    "Copy &Link Location": "Salin alamat &tautan",
    "&Paste": "T&empel",
    "Delete": "Hapus",
    "Select All": "Pilih semua",
    "&Select All": "&Pilih semua",
    "Insert Unicode control character": "Sisipkan karakter kendali Unicode",
}

KAMUS: dict[str, dict[str, str]] = {
    "QPlatformTheme": _TOMBOL,
    "QDialogButtonBox": _TOMBOL,
    "QMessageBox": {
        **_TOMBOL,
        "Show Details...": "Tampilkan rincian…",
        "Hide Details...": "Sembunyikan rincian…",
        "About Qt": "Tentang Qt",
    },
    "QProgressDialog": {"Cancel": "Batal"},
    "QInputDialog": {"Enter a value:": "Masukkan nilai:"},
    "QLineEdit": _MENU_TEKS,
    "QWidgetTextControl": _MENU_TEKS,
    "QUnicodeControlCharacterMenu": _MENU_TEKS,
    "QAbstractSpinBox": {
        "&Select All": "&Pilih semua",
        "&Step up": "&Naikkan",
        "Step &down": "&Turunkan",
    },
    "QFileDialog": {
        "Look in:": "Cari di:",
        "&Look in:": "&Cari di:",
        "Files of &type:": "&Jenis berkas:",
        "Back": "Kembali",
        "Go back": "Kembali",
        "Forward": "Maju",
        "Go forward": "Maju",
        "Parent Directory": "Folder induk",
        "Go to the parent directory": "Ke folder induk",
        "Create New Folder": "Buat folder baru",
        "Create a New Folder": "Buat folder baru",
        "List View": "Tampilan daftar",
        "Change to list view mode": "Tampilkan sebagai daftar",
        "Detail View": "Tampilan rinci",
        "Change to detail view mode": "Tampilkan dengan rincian",
        "Sidebar": "Panel samping",
        "List of places and bookmarks": "Daftar tempat dan penanda",
        "Files": "Berkas",
        "Files of type:": "Jenis berkas:",
        "Find Directory": "Cari folder",
        "Open": "Buka",
        "Save As": "Simpan sebagai",
        "Directory:": "Folder:",
        "File &name:": "&Nama berkas:",
        "&Open": "&Buka",
        "&Choose": "&Pilih",
        "&Save": "&Simpan",
        "All Files (*)": "Semua berkas (*)",
        "All files (*)": "Semua berkas (*)",
        "Show ": "Tampilkan ",
        "&Rename": "&Ganti nama",
        "&Delete": "&Hapus",
        "Show &hidden files": "Tampilkan berkas &tersembunyi",
        "&New Folder": "Folder &baru",
        "New Folder": "Folder baru",
        "Directories": "Folder",
        "Delete": "Hapus",
        "Remove": "Hapus",
        "Recent Places": "Tempat terakhir",
        "Could not delete directory.": "Folder tidak dapat dihapus.",
        "Are you sure you want to delete '%1'?": "Yakin menghapus '%1'?",
        "%1 already exists.\nDo you want to replace it?": "%1 sudah ada.\nGanti berkas itu?",
        "%1\nFile not found.\nPlease verify the correct file name was given.": (
            "%1\nBerkas tidak ditemukan.\nPeriksa kembali nama berkasnya."
        ),
        "%1\nDirectory not found.\nPlease verify the correct directory name was given.": (
            "%1\nFolder tidak ditemukan.\nPeriksa kembali nama foldernya."
        ),
        "'%1' is write protected.\nDo you want to delete it anyway?": (
            "'%1' dilindungi dari penulisan.\nTetap hapus?"
        ),
    },
    "QAbstractFileIconProvider": {"Drive": "Diska", "Folder": "Folder", "File": "Berkas"},
    "QTabBar": {"Scroll Left": "Geser ke kiri", "Scroll Right": "Geser ke kanan"},
    "QFileSystemModel": {
        "Name": "Nama",
        "Size": "Ukuran",
        "Type": "Jenis",
        "Kind": "Jenis",
        "Date Modified": "Tanggal diubah",
        "My Computer": "Komputer",
        "Computer": "Komputer",
    },
    "QColorDialog": {
        "Select Color": "Pilih warna",
        "Hu&e:": "&Rona:",
        "&Sat:": "&Saturasi:",
        "&Val:": "&Kecerahan:",
        "&Red:": "&Merah:",
        "&Green:": "&Hijau:",
        "Bl&ue:": "&Biru:",
        "A&lpha channel:": "Kanal &alfa:",
        "&HTML:": "&HTML:",
        "&Pick Screen Color": "&Ambil warna dari layar",
        "&Basic colors": "Warna &dasar",
        "&Custom colors": "Warna &pilihan",
        "&Add to Custom Colors": "&Tambahkan ke warna pilihan",
        "Cursor at %1, %2\nPress ESC to cancel": "Kursor di %1, %2\nTekan Esc untuk membatalkan",
    },
    "QPrintDialog": {
        "Print": "Cetak",
        "&Print": "&Cetak",
        "&Options >>": "&Pilihan >>",
        "&Options <<": "&Pilihan <<",
        "All Pages": "Semua halaman",
        "Odd Pages": "Halaman ganjil",
        "Even Pages": "Halaman genap",
        "Print to File (PDF)": "Cetak ke berkas (PDF)",
        "Local file": "Berkas lokal",
        "Write PDF file": "Tulis berkas PDF",
        "Print To File ...": "Cetak ke berkas…",
        "Invalid Pages Definition": "Halaman tidak sah",
        "%1 already exists.\nDo you want to overwrite it?": "%1 sudah ada.\nTimpa berkas itu?",
        # the page order of several pages per sheet (Properti › Halaman)
        "Left to Right, Top to Bottom": "Kiri ke kanan, atas ke bawah",
        "Left to Right, Bottom to Top": "Kiri ke kanan, bawah ke atas",
        "Right to Left, Bottom to Top": "Kanan ke kiri, bawah ke atas",
        "Right to Left, Top to Bottom": "Kanan ke kiri, atas ke bawah",
        "Bottom to Top, Left to Right": "Bawah ke atas, kiri ke kanan",
        "Bottom to Top, Right to Left": "Bawah ke atas, kanan ke kiri",
        "Top to Bottom, Left to Right": "Atas ke bawah, kiri ke kanan",
        "Top to Bottom, Right to Left": "Atas ke bawah, kanan ke kiri",
        "The 'From' value cannot be greater than the 'To' value.": (
            "Halaman 'dari' tidak boleh lebih besar daripada halaman 'sampai'."
        ),
    },
    "QPrintWidget": {
        "Printer": "Pencetak",
        "&Name:": "&Nama:",
        "P&roperties": "&Properti",
        "Location:": "Lokasi:",
        "Preview": "Pratinjau",
        "Type:": "Jenis:",
        "Output &file:": "&Berkas keluaran:",
    },
    "QPrintSettingsOutput": {
        "Copies": "Salinan",
        "Copies:": "Jumlah salinan:",
        "Print range": "Rentang cetak",
        "Print all": "Cetak semua",
        "Pages from": "Halaman dari",
        "to": "sampai",
        "Current Page": "Halaman ini",
        "Selection": "Pilihan",
        "Output Settings": "Pengaturan keluaran",
        "Collate": "Urutkan per salinan",
        "Reverse": "Urutan terbalik",
        "Options": "Pilihan",
        "Color Mode": "Mode warna",
        "Color": "Berwarna",
        "Grayscale": "Hitam putih",
        "Page Set:": "Halaman:",
        "Page &Set:": "&Halaman:",
        "Specify pages or ranges separated by commas. Ranges are specified by two numbers "
        "separated by a hyphen. E.g: 3,5-7,9 prints pages 3, 5, 6, 7 and 9.": (
            "Tulis halaman atau rentang dipisah koma; rentang ditulis dua angka dengan tanda "
            "hubung. Contoh: 3,5-7,9 mencetak halaman 3, 5, 6, 7, dan 9."
        ),
        "Pages": "Halaman",
        "Double Sided Printing": "Cetak bolak-balik",
        "Off": "Tidak",
        "Long side binding": "Jilid sisi panjang",
        "Short side binding": "Jilid sisi pendek",
    },
    "QPrintPropertiesWidget": {
        "Page": "Halaman",
        "Advanced": "Lanjutan",
        "There are conflicts in some options. Please fix them.": (
            "Beberapa pilihan saling bertentangan. Perbaiki dahulu."
        ),
    },
    "QPrintPropertiesDialog": {"Printer Properties": "Properti pencetak", "Job Options": "Tugas"},
    "QCupsJobWidget": {  # Properti › Tugas, on a computer with CUPS printers
        "Job": "Tugas",
        "Job Control": "Pengaturan tugas",
        "Scheduled &printing:": "&Jadwal cetak:",
        "Print Immediately": "Cetak sekarang",
        "Hold Indefinitely": "Tahan",
        "Day (06:00 to 17:59)": "Siang (06.00 sampai 17.59)",
        "Night (18:00 to 05:59)": "Malam (18.00 sampai 05.59)",
        "Second Shift (16:00 to 23:59)": "Giliran kedua (16.00 sampai 23.59)",
        "Third Shift (00:00 to 07:59)": "Giliran ketiga (00.00 sampai 07.59)",
        "Weekend (Saturday to Sunday)": "Akhir pekan (Sabtu sampai Minggu)",
        "Specific Time": "Waktu tertentu",
        "&Billing information:": "Keterangan &tagihan:",
        "Job &priority:": "&Prioritas tugas:",
        "Banner Pages": "Halaman sampul",
        "&Start:": "&Awal:",
        "&End:": "A&khir:",
        "None": "Tidak ada",
        "Standard": "Standar",
        "Unclassified": "Tidak rahasia",
        "Confidential": "Konfidensial",
        "Classified": "Terbatas",
        "Secret": "Rahasia",
        "Top Secret": "Sangat rahasia",
    },
    "QPageSetupWidget": {
        "Paper": "Kertas",
        "Page size:": "Ukuran kertas:",
        "Width:": "Lebar:",
        "Height:": "Tinggi:",
        "Paper source:": "Sumber kertas:",
        "Orientation": "Orientasi",
        "Portrait": "Tegak",
        "Landscape": "Mendatar",
        "Reverse landscape": "Mendatar terbalik",
        "Reverse portrait": "Tegak terbalik",
        "Margins": "Margin",
        "top margin": "margin atas",
        "left margin": "margin kiri",
        "right margin": "margin kanan",
        "bottom margin": "margin bawah",
        "Millimeters (mm)": "Milimeter (mm)",
        "Inches (in)": "Inci (in)",
        "Points (pt)": "Poin (pt)",
        "Custom": "Ukuran lain",
        "Page Layout": "Tata letak halaman",
        "Page order:": "Urutan halaman:",
        "Page &order:": "&Urutan halaman:",
        "Pages per sheet:": "Halaman per lembar:",
        "Pages &per sheet:": "Halaman &per lembar:",
    },
}


class TerjemahanQt(QTranslator):
    """Answers Qt's ``tr()`` calls from :data:`KAMUS`.

    A word not in the table is answered with ``None`` (a null string), so Qt keeps its own
    text; an empty string would replace every other text of Qt (paper names, too) with "".
    """

    def translate(
        self,
        context: str,
        sourceText: str,
        disambiguation: str | None = None,
        n: int = -1,
    ) -> str | None:
        return KAMUS.get(context, {}).get(sourceText)

    def isEmpty(self) -> bool:
        return False


_terpasang: list[TerjemahanQt] = []  # the installed translator must outlive this call


def pasang_bahasa(app: QCoreApplication) -> None:
    """Install the Indonesian words for Qt's own widgets and make Indonesian the locale."""
    QLocale.setDefault(INDONESIA)
    if not _terpasang:
        translator = TerjemahanQt(app)
        app.installTranslator(translator)
        _terpasang.append(translator)
