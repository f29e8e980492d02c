from kinerja_app.storage.checksums import ProblemKind, check_files
from kinerja_app.storage.files import sha256_file


def test_check_files_finds_modified_and_missing(tmp_path):
    intact, modified, missing = (tmp_path / n for n in ("a.pdf", "b.xlsx", "c.docx"))
    intact.write_bytes(b"surat asli")
    modified.write_bytes(b"isian OPD")
    missing.write_bytes(b"akan dihapus")
    entries = [(p, sha256_file(p)) for p in (intact, modified, missing)]
    assert check_files(entries) == []

    modified.write_bytes(b"isian OPD, disunting")
    missing.unlink()
    problems = check_files(entries)

    assert {(p.path, p.kind) for p in problems} == {
        (modified, ProblemKind.CHANGED),
        (missing, ProblemKind.MISSING),
    }
    by_kind = {p.kind: p.message for p in problems}
    assert "berubah" in by_kind[ProblemKind.CHANGED]
    assert "tidak ditemukan" in by_kind[ProblemKind.MISSING]


def test_expected_hash_case_and_spaces_do_not_matter(tmp_path):
    f = tmp_path / "x.bin"
    f.write_bytes(b"x")
    assert check_files([(f, f" {sha256_file(f).upper()}\n")]) == []
