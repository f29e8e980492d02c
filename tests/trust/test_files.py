"""Safe file names from OPD names, atomic writes, control characters removed and logged."""

from __future__ import annotations

import logging

import pytest

from kinerja_app.storage.files import atomic_output, safe_filename, strip_control


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Dinas Pekerjaan Umum & Penataan Ruang", "Dinas Pekerjaan Umum & Penataan Ruang"),
        ("../../etc/passwd", "_etc_passwd"),
        ("Kec. Bulik: Data/2025?", "Kec. Bulik_ Data_2025_"),
        ("CON", "_CON"),
        ("nul.xlsx", "_nul.xlsx"),
        ("   ...   ", "berkas"),
        ("a\x00b\x1fc", "a_b_c"),
        # an OPD name ending in "." must not eat the extension (it used to give "..._docx")
        ("Surat Permintaan - Kec. Bulik..docx", "Surat Permintaan - Kec. Bulik.docx"),
        ("Dinas Kesehatan. .xlsx", "Dinas Kesehatan.xlsx"),
        ("Dinas X.", "Dinas X"),
        ("Kec. Bulik", "Kec. Bulik"),
        ("../.docx", "berkas.docx"),
    ],
)
def test_safe_filename(name, expected):
    assert safe_filename(name) == expected


def test_long_names_are_capped_and_keep_their_extension():
    name = safe_filename("Dinas " * 60 + ".docx")
    assert len(name) <= 120 and name.endswith(".docx")


def test_names_stay_within_the_bytes_a_file_system_allows():
    name = safe_filename("Dinas " + "🌳" * 150 + ".docx")
    assert len(name.encode("utf-8")) <= 200 and name.endswith(".docx")
    assert name.startswith("Dinas 🌳")


def test_atomic_output_leaves_old_file_when_writing_fails(tmp_path):
    target = tmp_path / "surat.docx"
    target.write_bytes(b"lama")
    with pytest.raises(RuntimeError), atomic_output(target) as out:
        out.write(b"setengah")
        raise RuntimeError("gagal")
    assert target.read_bytes() == b"lama"
    assert [p.name for p in tmp_path.iterdir()] == ["surat.docx"]


def test_control_characters_removed_and_logged(caplog):
    with caplog.at_level(logging.WARNING, logger="kinerja_app.storage.files"):
        assert strip_control("Dinas\x07 Kesehatan\x0b\tA\nB") == "Dinas Kesehatan\tA\nB"
    assert "2 karakter kendali" in caplog.text
