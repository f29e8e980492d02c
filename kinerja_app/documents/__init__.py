"""Documents of the SOP: Word letters and forms (docxtpl), the format isian workbook, PDF."""

# built-in template name -> file in resources/templates/ (kept here: cheap to import)
TEMPLATES = {
    "surat_permintaan": "surat_permintaan.docx",
    "surat_pengingat": "surat_pengingat.docx",
    "surat_dinas": "surat_dinas.docx",
    "nota_dinas": "nota_dinas.docx",
    "disposisi": "disposisi.docx",
    "surat_pengantar": "surat_pengantar.docx",
    "buku_ekspedisi": "buku_ekspedisi.docx",
    "rekapitulasi": "rekapitulasi.docx",
}
