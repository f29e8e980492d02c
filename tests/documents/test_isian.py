"""The Format Isian Data Kinerja workbook against the isian_format contract."""

from __future__ import annotations

import re

import openpyxl
import pytest

from kinerja_app.documents import isian
from kinerja_app.importer.isian_format import (
    COLUMNS,
    DATA_SHEET,
    FORMAT_VERSION,
    META_APP,
    META_KEYS,
    META_SHEET,
)
from kinerja_app.rekap.capaian import Polaritas, hitung_capaian

INDIKATOR = [
    ("Meningkatnya derajat kesehatan", "Angka harapan hidup", "Tahun", Polaritas.POSITIF, 70.5),
    ("Meningkatnya derajat kesehatan", "Angka kematian bayi", "per 1000", "negatif", 12.0),
    ("Tata kelola", '=HYPERLINK("http://x")', "Dokumen", None, None),
]


@pytest.fixture
def workbook(tmp_path):
    path = isian.buat_format_isian(
        tmp_path / "Format Isian - Dinas Kesehatan.xlsx",
        opd_kode="1.02.01",
        opd_nama="Dinas Kesehatan & KB",
        tahun=2026,
        indikator=INDIKATOR,
        surat_nomor="000.8.6.3/245/Org",
        periode_id=7,
    )
    return path, openpyxl.load_workbook(path)


def test_meta_sheet_is_very_hidden_with_the_keys(workbook):
    _, wb = workbook
    meta = wb[META_SHEET]
    assert meta.sheet_state == "veryHidden"
    rows = [(r[0].value, r[1].value) for r in meta.iter_rows(max_col=2)]
    assert [k for k, _ in rows] == list(META_KEYS)
    values = dict(rows)
    assert values["aplikasi"] == META_APP
    assert values["versi_format"] == FORMAT_VERSION
    assert values["opd_kode"] == "1.02.01"
    assert values["opd_nama"] == "Dinas Kesehatan & KB"
    assert values["tahun"] == 2026
    assert values["surat_nomor"] == "000.8.6.3/245/Org"
    assert values["periode_id"] == 7
    assert wb.sheetnames[0] == DATA_SHEET


def test_header_and_prefilled_rows(workbook):
    _, wb = workbook
    ws = wb[DATA_SHEET]
    assert tuple(c.value for c in ws[isian.HEADER_ROW]) == COLUMNS
    row2 = [c.value for c in ws[2]][:6]
    assert row2 == [
        1,
        "Meningkatnya derajat kesehatan",
        "Angka harapan hidup",
        "Tahun",
        "Positif",
        70.5,
    ]
    assert ws["E3"].value == "Negatif"
    assert ws["E4"].value in ("", None)
    # a text starting with "=" stays text, never a formula
    assert ws["C4"].value == '=HYPERLINK("http://x")' and ws["C4"].data_type == "s"
    assert ws.max_row == 1 + len(INDIKATOR) + isian.BARIS_TAMBAHAN
    assert ws.freeze_panes == "A2"


def test_sheet_protected_inputs_unlocked(workbook):
    _, wb = workbook
    ws = wb[DATA_SHEET]
    assert ws.protection.sheet is True
    assert all(c.protection.locked for c in ws[1])
    last = ws.max_row
    for col in ("B", "C", "D", "E", "F", "G", "I"):
        assert ws[f"{col}2"].protection.locked is False
        assert ws[f"{col}{last}"].protection.locked is False
    assert ws["H2"].protection.locked is True
    # an OPD with more new indicators than blank rows may insert rows (False = allowed)
    assert ws.protection.insertRows is False
    petunjuk = " ".join(str(c.value) for row in wb["Petunjuk"].iter_rows() for c in row if c.value)
    assert "sisipkan baris" in petunjuk.lower()


def test_validations(workbook):
    _, wb = workbook
    ws = wb[DATA_SHEET]
    dvs = ws.data_validations.dataValidation
    lists = [dv for dv in dvs if dv.type == "list"]
    assert len(lists) == 1 and lists[0].formula1 == '"Positif,Negatif"'
    assert f"E2:E{ws.max_row}" in str(lists[0].sqref)
    decimals = [dv for dv in dvs if dv.type == "decimal"]
    assert len(decimals) == 1
    ranges = str(decimals[0].sqref)
    assert f"F2:F{ws.max_row}" in ranges and f"G2:G{ws.max_row}" in ranges


def test_capaian_formula_in_every_row(workbook):
    _, wb = workbook
    ws = wb[DATA_SHEET]
    for row in (2, ws.max_row):
        value = ws[f"H{row}"].value
        assert isinstance(value, str) and value.startswith("=IF(")
        assert f"F{row}" in value and f"G{row}" in value and f"E{row}" in value


_TOKENS = re.compile(r'\s*(?:(\d+(?:\.\d+)?)|("[^"]*")|([A-Z]+\d*)|(<=|>=|<>|[-+*/=<>(),]))')


def _excel_like(row: int, target, realisasi, polaritas):
    """Evaluate the generated formula with a tiny lazy interpreter (IF/AND/OR/ISNUMBER)."""
    cells = {f"F{row}": target, f"G{row}": realisasi, f"E{row}": polaritas}
    text = isian.capaian_formula(row)[1:]
    tokens, pos = [], 0
    while pos < len(text):
        m = _TOKENS.match(text, pos)
        assert m and m.lastindex is not None, text[pos:]
        tokens.append(m.group(m.lastindex))
        pos = m.end()

    def parse(i):  # -> (ast, next index); ast nodes are tuples
        left, i = additive(i)
        if i < len(tokens) and tokens[i] in ("=", "<=", ">=", "<", ">", "<>"):
            op = tokens[i]
            right, i = additive(i + 1)
            return ("cmp", op, left, right), i
        return left, i

    def additive(i):
        node, i = term(i)
        while i < len(tokens) and tokens[i] in "+-":
            op = tokens[i]
            right, i = term(i + 1)
            node = ("bin", op, node, right)
        return node, i

    def term(i):
        node, i = factor(i)
        while i < len(tokens) and tokens[i] in ("*", "/"):
            op = tokens[i]
            right, i = factor(i + 1)
            node = ("bin", op, node, right)
        return node, i

    def factor(i):
        tok = tokens[i]
        if tok == "(":
            node, i = parse(i + 1)
            return node, i + 1
        if tok.startswith('"'):
            return ("lit", tok[1:-1]), i + 1
        if tok[0].isdigit():
            return ("lit", float(tok)), i + 1
        if i + 1 < len(tokens) and tokens[i + 1] == "(":
            args, i = [], i + 2
            while tokens[i] != ")":
                arg, i = parse(i)
                args.append(arg)
                if tokens[i] == ",":
                    i += 1
            return ("call", tok, args), i + 1
        return ("ref", tok), i + 1

    def ev(node):
        kind = node[0]
        if kind == "lit":
            return node[1]
        if kind == "ref":
            value = cells[node[1]]
            return "" if value is None else value
        if kind == "call":
            name, args = node[1], node[2]
            if name == "IF":
                return ev(args[1]) if ev(args[0]) else ev(args[2])
            if name == "AND":
                return all(ev(a) for a in args)
            if name == "OR":
                return any(ev(a) for a in args)
            if name == "ISNUMBER":
                return isinstance(ev(args[0]), float | int)
            raise AssertionError(name)
        a, b = ev(node[2]), ev(node[3])
        ops = {
            "+": lambda: a + b,
            "-": lambda: a - b,
            "*": lambda: a * b,
            "/": lambda: a / b,
            "=": lambda: a == b,
            "<=": lambda: a <= b,
            "<": lambda: a < b,
            ">": lambda: a > b,
        }
        return ops[node[1]]()

    ast, end = parse(0)
    assert end == len(tokens)
    return ev(ast)


@pytest.mark.parametrize(
    ("target", "realisasi", "polaritas"),
    [
        (80.0, 88.0, "Positif"),
        (80.0, 60.0, "Negatif"),
        (10.0, 0.0, "Negatif"),
        (0.0, 0.0, "Negatif"),
        (0.0, 5.0, "Positif"),
        (None, 5.0, "Positif"),
        (5.0, None, "Negatif"),
        (5.0, 4.0, ""),
        (-2.0, -1.0, "Positif"),  # a target below zero: -1 beats -2 when higher is better
        (-2.0, -3.0, "Positif"),
        (-2.0, -3.0, "Negatif"),
        (-2.0, -1.0, "Negatif"),
    ],
)
def test_capaian_formula_agrees_with_hitung_capaian(target, realisasi, polaritas):
    pol = {"Positif": Polaritas.POSITIF, "Negatif": Polaritas.NEGATIF}.get(polaritas)
    expected = hitung_capaian(target, realisasi, pol).nilai
    got = _excel_like(5, target, realisasi, polaritas)
    if expected is None:
        assert got == ""
    else:
        assert got == pytest.approx(expected)


def test_importer_reads_the_generated_format(workbook):
    from kinerja_app.importer import reader

    path, _ = workbook
    data = reader.read_workbook(path)
    assert data.sheet == DATA_SHEET
    assert data.header_row == isian.HEADER_ROW
    assert data.meta["opd_kode"] == "1.02.01"
    assert data.meta["tahun"] == "2026"
    assert data.tahun_hint == 2026


def test_no_temp_file_left_and_overwrite(tmp_path):
    target = tmp_path / "isian.xlsx"
    for _ in range(2):
        isian.buat_format_isian(target, opd_kode="X", opd_nama="Y", tahun=2026)
    assert [p.name for p in tmp_path.iterdir()] == ["isian.xlsx"]
    ws = openpyxl.load_workbook(target)[DATA_SHEET]
    assert ws.max_row == 1 + isian.BARIS_TAMBAHAN
    assert ws["A2"].value is None and ws["A2"].protection.locked is False


@pytest.mark.parametrize(("kertas", "kode"), [("A4", 9), ("F4", 14)])
def test_every_printed_sheet_is_on_the_office_paper(tmp_path, kertas, kode):
    """The Petunjuk sheet prints on the same paper as the data sheet (it printed on the
    program's default paper: an F4 office got an F4 table and an A4 or Letter Petunjuk)."""
    path = isian.buat_format_isian(
        tmp_path / "isian.xlsx", opd_kode="X", opd_nama="Y", tahun=2026, kertas=kertas
    )
    wb = openpyxl.load_workbook(path)
    printed = [ws for ws in wb.worksheets if ws.sheet_state == "visible"]
    assert [ws.title for ws in printed] == [DATA_SHEET, "Petunjuk"]
    assert [ws.page_setup.paperSize for ws in printed] == [kode, kode]
