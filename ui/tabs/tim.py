"""Tim Kinerja: draft (2), distribute (6), recap to the Kabag (8), finalise and archive (10),
and record the officials' paper acts ("Catat tindakan manual")."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from kinerja_app import clock
from kinerja_app.admin.pengguna import pejabat
from kinerja_app.jadwal.tugas import PANTAU_PERBAIKAN, TAGIH_TERLAMBAT, Tugas, opd_terlambat
from kinerja_app.queries.master import get_user
from kinerja_app.queries.rekap import surat_keluar
from kinerja_app.queries.surat import disposisi_terakhir
from kinerja_app.storage.models import Periode
from kinerja_app.storage.models.master import Role
from kinerja_app.storage.models.rekap import StatusRekap
from kinerja_app.storage.models.surat import CaraTtd, StatusSurat
from kinerja_app.workflow import paraf as wf_paraf
from kinerja_app.workflow.common import Area
from kinerja_app.workflow.disposisi import buat_disposisi
from kinerja_app.workflow.register import JenisSurat
from kinerja_app.workflow.rekap import (
    REKAP_DIAJUKAN,
    finalisasi_arsip,
    kalimat_belum_dikirimi,
    opd_berubah,
    review_rekap,
)
from kinerja_app.workflow.tandatangan import sekda_tandatangani

from ..cetak import berkas, buat, gabung, tampilkan
from ..context import UiContext
from ..details import perbaikan_html, rekap_html, surat_html, tagihan_html
from ..forms import DisposisiDialog
from ..paper_acts import TIDAK_ADA_TINDAKAN, PaperActionDialog, acts_allowed
from ..pengingat import PengingatDialog
from ..recap.kelengkapan import ajukan_ke_kabag, alasan_belum_lengkap
from ..widgets import set_action_enabled
from .base import RoleTab
from .distribusi import DistribusiPanel
from .drafting import DraftForm
from .lacak import LacakNaskahPanel

if TYPE_CHECKING:
    from kinerja_app.documents.naskah import Cetakan


class TimTab(RoleTab):
    """The Tim's inbox, the drafting form and the distribution page."""

    role = Role.TIM
    title = Role.TIM.label
    areas = frozenset(
        {
            Area.DISPOSISI,
            Area.SURAT,
            Area.DISTRIBUSI,
            Area.PENYAMPAIAN,
            Area.REKAP,
            Area.MASTER,
            Area.PENGATURAN,
        }
    )

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.draft = DraftForm(ctx)
        self.distribusi = DistribusiPanel(ctx)
        self.lacak = LacakNaskahPanel()
        self.detail_tabs.addTab(self.draft, "Draf surat")
        self.detail_tabs.addTab(self.distribusi, "Distribusi")
        self.detail_tabs.addTab(self.lacak, "Lacak naskah")
        self.splitter.setSizes([600, 740])
        # the letters' tracking reads every letter of the period and its history: only when
        # its page is open (not at every start, period pick and action)
        self._lacak_stale = True
        self.detail_tabs.currentChanged.connect(lambda _i: self._load_lacak_if_open())

    def build_actions(self) -> None:
        self.draft_button = self.add_button(
            "Susun draf", Role.TIM, self.susun_draf, shortcut="Ctrl+D"
        )
        self.distribute_button = self.add_button("Distribusikan", Role.TIM, self.buka_distribusi)
        self.rekap_button = self.add_button("Ajukan rekap…", Role.TIM, self.ajukan_rekap)
        self.final_button = self.add_button("Finalisasi & arsipkan…", Role.TIM, self.finalisasi)
        self.manual_button = self.add_button(
            "Catat tindakan manual…", Role.TIM, self.catat_manual, shortcut="Ctrl+M"
        )
        self.pengantar_button = self.add_button(
            "Cetak surat final bernomor", Role.TIM, self.cetak_final
        )
        self.pengantar_button.setToolTip(
            "Surat permintaan bernomor dan bertanggal tanda tangan Sekda (dan nota dinas untuk "
            "Sekretariat Daerah)."
        )
        self.remind_button = self.add_button(
            "Surat pengingat ke OPD terlambat…", Role.TIM, self.kirim_pengingat
        )
        self.disposisi_print_button = self.add_button(
            "Cetak lembar disposisi", Role.TIM, self.cetak_disposisi
        )

    def refresh(self) -> None:
        super().refresh()
        periode = self.periode()
        self.draft.load(periode)
        self.distribusi.load(
            periode, bool(self.state and self.state.status_surat == StatusSurat.DITANDATANGANI)
        )
        self._lacak_stale = True
        self._load_lacak_if_open()

    def _load_lacak_if_open(self) -> None:
        if self._lacak_stale and self.detail_tabs.currentWidget() is self.lacak:
            self._lacak_stale = False
            self.lacak.load(self.periode())

    def update_actions(self) -> None:
        s = self.state
        open_ = bool(s and not s.terkunci)
        editable = bool(
            open_
            and s
            and s.ada_disposisi
            and s.status_surat in (None, StatusSurat.DRAF, StatusSurat.DIKEMBALIKAN)
        )
        set_action_enabled(
            self.draft_button,
            editable,
            "Draf hanya disusun sesudah disposisi dan sebelum tanda tangan.",
        )
        signed = bool(s and s.status_surat == StatusSurat.DITANDATANGANI)
        set_action_enabled(
            self.distribute_button,
            bool(open_ and signed and s and s.belum_dikirimi),
            "Tidak ada surat bertanda tangan yang menunggu distribusi.",
        )
        approved = bool(open_ and s and s.rekap and s.status_rekap == StatusRekap.DISETUJUI)
        # data changed after the Kabag approved: a new version goes to the Kabag, not the archive
        stale = bool(approved and s and s.rekap and opd_berubah(s.rekap))
        can_rekap = bool(
            open_
            and s
            and s.data_masuk
            and (s.status_rekap in (None, StatusRekap.DIKEMBALIKAN) or stale)
        )
        set_action_enabled(
            self.rekap_button,
            can_rekap and not (s and s.belum_dikirimi),
            kalimat_belum_dikirimi(s.belum_dikirimi, REKAP_DIAJUKAN)
            if can_rekap and s and s.belum_dikirimi
            else "Rekap disusun sesudah data OPD masuk, dan tidak sedang ditelaah Kabag.",
        )
        set_action_enabled(
            self.final_button,
            approved and not stale,
            "Data berubah sesudah rekap disetujui Kabag; ajukan rekap versi baru."
            if stale
            else "Finalisasi hanya untuk rekap yang sudah disetujui Kabag.",
        )
        set_action_enabled(
            self.manual_button,
            bool(acts_allowed(s)),
            "Periode sudah final." if s and s.terkunci else TIDAK_ADA_TINDAKAN,
        )
        set_action_enabled(self.pengantar_button, signed, "Surat belum ditandatangani.")
        set_action_enabled(
            self.disposisi_print_button, bool(s and s.ada_disposisi), "Belum ada disposisi."
        )
        periode = self.periode()
        set_action_enabled(
            self.remind_button,
            bool(open_ and periode and opd_terlambat(periode)),
            "Tidak ada Perangkat Daerah yang lewat batas waktu.",
        )

    def detail_html(self, periode: Periode, task: Tugas | None) -> str:
        if task is not None and task.jenis == TAGIH_TERLAMBAT:
            return tagihan_html(opd_terlambat(periode), clock.now())
        if task is not None and task.jenis == PANTAU_PERBAIKAN:
            return perbaikan_html(task)
        if task is not None and task.langkah >= 8:
            return rekap_html(periode) + "<hr>" + surat_html(periode)
        return surat_html(periode) + "<hr>" + rekap_html(periode)

    # --- actions -----------------------------------------------------------------------
    def susun_draf(self) -> None:
        self.detail_tabs.setCurrentWidget(self.draft)
        self.draft.hal.setFocus()

    def buka_distribusi(self) -> None:
        self.distribusi.set_now()
        self.detail_tabs.setCurrentWidget(self.distribusi)

    def ajukan_rekap(self) -> None:
        periode = self.periode()
        if periode is None:
            return
        ajukan_ke_kabag(self.ctx, self, periode)

    def finalisasi(self) -> None:
        if not (self.state and self.state.rekap):
            return
        rekap = self.state.rekap
        periode = self.periode()
        if periode is None:
            return
        alasan = alasan_belum_lengkap(
            self.ctx, self, periode, "Finalisasi & arsipkan", "mengarsipkan periode"
        )
        if alasan is None:
            return
        # the final document is generated from the version the Kabag approved; extra files
        # (a scan of the signed recap, the exported workbook) may be added to the archive
        made = buat(
            self.ctx,
            self,
            "Dokumen Rekapitulasi final",
            lambda: berkas().dokumen_rekapitulasi(self.ctx.user, periode, rekap),
        )
        if made is None:
            return
        final = made.paths[0]
        extra = self.ctx.dialogs.open_files(
            self,
            "Berkas lain yang ikut diarsipkan (boleh dilewati)",
            "Dokumen (*.docx *.pdf *.xlsx);;Semua berkas (*)",
        )
        files = [final, *extra]
        copies = self.ctx.dialogs.ask_line(
            self, "Penggandaan", "Jumlah salinan cetak yang dibuat:", "2"
        )
        if copies is None:
            return
        try:
            salinan = int(copies.strip())
        except ValueError:
            self.ctx.dialogs.warning(self, "Penggandaan", f"'{copies}' bukan angka.")
            return
        stored = [("Dokumen Rekapitulasi", Path(files[0]))] + [
            ("Lampiran arsip", Path(f)) for f in files[1:]
        ]

        if not self.ctx.dialogs.confirm(
            self,
            "Finalisasi",
            "Periode akan dikunci sesudah diarsipkan. Lanjutkan?",
            "Arsipkan dan kunci",
        ):
            return
        done = self.run(
            "Finalisasi & arsipkan",
            lambda: finalisasi_arsip(
                self.ctx.user, rekap, stored, salinan=salinan, alasan_belum_lengkap=alasan
            ),
        )
        if done is not None:  # penggandaan: the final document, ready to print its copies
            dialog = tampilkan(self.ctx, self, "Dokumen Rekapitulasi final", made, salinan=salinan)
            if dialog is not None:
                self.active_dialog = dialog

    def catat_manual(self) -> None:
        periode = self.periode()
        if periode is None:
            return
        if acts_allowed(self.state) == ("disposisi",):  # the sheet's fields, not one note
            self.catat_disposisi(periode)
            return
        self.show_dialog(
            PaperActionDialog(self.ctx.dialogs, self.state, self),
            lambda d: self._record_paper(periode, d),
        )

    def catat_disposisi(self, periode: Periode) -> None:
        """Record the Kabag's disposisi written on paper, with every field of its sheet."""
        kabag = [(f"{u.nama} ({u.jabatan or Role.KABAG.label})", u.id) for u in pejabat(Role.KABAG)]

        def accept(dialog: DisposisiDialog) -> bool:
            uid, waktu = dialog.dicatat()
            return self.run_from(
                dialog,
                "Catat disposisi Kabag",
                buat_disposisi,
                self.ctx.user,
                periode,
                atas_nama=get_user(uid),
                waktu=waktu,
                **dialog.values(),
            )

        self.show_dialog(DisposisiDialog(periode.nama, self, pejabat=kabag), accept)

    def _record_paper(self, periode: Periode, dialog: PaperActionDialog) -> bool:
        """Record the chosen paper act; whether the core accepted it."""
        official, waktu, scan, note = dialog.values()
        s = self.state
        key = dialog.act_key()
        user = self.ctx.user
        paper = {"atas_nama": official, "waktu": waktu}
        title = "Catat tindakan manual"
        if key in ("rekap_setuju", "rekap_kembali"):
            if not (s and s.rekap):
                return False
            return self.run_from(
                dialog, title, review_rekap, user, s.rekap, key == "rekap_setuju", note, **paper
            )
        if not (s and s.rancangan):
            return False
        rancangan = s.rancangan
        if key == "paraf_kabag":
            return self.run_from(
                dialog, title, wf_paraf.kabag_paraf, user, rancangan, scan=scan, **paper
            )
        if key == "paraf_asisten":
            return self.run_from(
                dialog, title, wf_paraf.asisten_paraf, user, rancangan, scan=scan, **paper
            )
        if key == "ttd_sekda":
            return self.run_from(
                dialog, title, sekda_tandatangani, user, rancangan, scan=scan, **paper
            )
        if key == "ttd_sekda_elektronik":  # signed in SRIKANDI: its number, dated that day
            return self.run_from(
                dialog,
                title,
                sekda_tandatangani,
                user,
                rancangan,
                cara=CaraTtd.ELEKTRONIK,
                nomor_srikandi=dialog.nomor_srikandi(),
                scan=scan,
                **paper,
            )
        role = dialog.role()  # kembali_kabag / kembali_asisten / kembali_sekda
        return self.run_from(
            dialog, title, wf_paraf.kembalikan_rancangan, user, rancangan, role, note, **paper
        )

    def kirim_pengingat(self) -> None:
        """Reminders to every OPD past its deadline for data or a correction, at once: print
        the copies to sign, record them issued, print the issued ones."""
        periode = self.periode()
        if periode is None or not opd_terlambat(periode):
            return
        dialog = PengingatDialog(self.ctx, periode, self)
        self.active_dialog = dialog
        dialog.finished.connect(lambda _=0: setattr(self, "active_dialog", None))
        dialog.open()

    def cetak_final(self) -> None:
        """The signed letter, numbered and dated by its signature, and the nota dinas to the
        Sekretariat Daerah's own bagian when it is among the recipients."""
        periode = self.periode()
        if periode is None:
            return
        nota = any(s.jenis == JenisSurat.NOTA_DINAS.value for s in surat_keluar(periode))

        def make() -> Cetakan:
            letter = berkas().surat_permintaan(self.ctx.user, periode)
            extra = berkas().nota_dinas(self.ctx.user, periode) if nota else None
            return gabung(
                "Surat Permintaan dan Nota Dinas" if nota else letter.judul, letter, extra
            )

        self.open_generated("Cetak surat final", make)

    def cetak_disposisi(self) -> None:
        """The Kabag's Lembar Disposisi, the Tim's instruction of step 1."""
        periode = self.periode()
        disp = disposisi_terakhir(periode) if periode else None
        if disp is not None:
            self.open_generated(
                "Cetak lembar disposisi",
                lambda: berkas().lembar_disposisi(self.ctx.user, disp),
            )
