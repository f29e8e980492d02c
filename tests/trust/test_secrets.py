"""Nothing secret in the log or the audit trail; one answer time for every user name; a
deactivated account changes nothing."""

from __future__ import annotations

import datetime as dt
import logging

import pytest
from argon2 import PasswordHasher

from kinerja_app.admin.pengguna import DataPengguna, ganti_kata_sandi, masuk, simpan_pengguna
from kinerja_app.errors import ActionRefused, UserError
from kinerja_app.log import hide_sql_parameters
from kinerja_app.storage.models import AuditLog, User
from kinerja_app.storage.models.master import Role
from tests.factory import PASSWORD


def test_verbose_sql_log_holds_no_parameters(f, caplog):
    hide_sql_parameters()
    nip = "19750214 199903 1 004"
    with caplog.at_level(logging.DEBUG, logger="peewee"):
        simpan_pengguna(
            f.admin,
            DataPengguna("budi", "Budi", frozenset({Role.TIM}), nip=nip),
            password="Kopi Pagi di Nanga Bulik",
        )
        with pytest.raises(UserError):
            masuk("budi", "tebakan-salah-1")
    assert "INSERT INTO" in caplog.text  # the statements are still there for a specialist...
    stored = User.get(User.username == "budi").password_hash
    for secret in (nip.replace(" ", ""), stored, "$argon2id$", "Budi"):
        assert secret not in caplog.text  # ...without the values


def test_a_password_typed_as_user_name_is_not_kept(f):
    with pytest.raises(UserError):
        masuk("Rahasia-Kantor-2026", "apa saja")
    row = AuditLog.select().order_by(AuditLog.id.desc()).get()
    assert row.hasil == "ditolak" and "Rahasia" not in row.keterangan + row.detail_json
    assert "19 karakter" in row.keterangan


@pytest.fixture
def argon2_verifications(monkeypatch):
    """Count Argon2 verifications (the library's, not the app's: the core runs unchanged)."""
    calls: list[str] = []
    real = PasswordHasher.verify

    def counted(self, hash, password):  # argon2's own parameter names
        calls.append(hash)
        return real(self, hash, password)

    monkeypatch.setattr(PasswordHasher, "verify", counted)
    return calls


def test_unknown_known_inactive_and_locked_names_cost_the_same(f, argon2_verifications):
    """An unknown name used to answer ten times faster (no Argon2 at all): that tells an
    attacker which names exist. Now every attempt verifies one hash with the same parameters."""
    simpan_pengguna(
        f.admin,
        DataPengguna("lama", "Pegawai Lama", frozenset({Role.TIM}), aktif=False),
        password="Kopi Pagi di Nanga Bulik",
    )
    User.update(gagal_login=10, terkunci_sampai=dt.datetime(2036, 1, 1)).where(
        User.username == "kabag"
    ).execute()
    for name in ("tidak.ada", "tim", "lama", "kabag"):
        with pytest.raises(UserError):
            masuk(name, "salah-sandi-99")
    params = {h.split("$")[3] for h in argon2_verifications}
    assert len(argon2_verifications) == 4 and params == {"m=19456,t=2,p=1"}
    assert masuk("tim", PASSWORD).username == "tim"
    assert len(argon2_verifications) == 5


def test_a_deactivated_user_cannot_change_their_password(f):
    before = User.get_by_id(f.tim.id).password_hash
    simpan_pengguna(
        f.admin,
        DataPengguna("tim", f.tim.nama, frozenset({Role.TIM}), aktif=False),
        user=f.tim,
    )
    with pytest.raises(ActionRefused, match="tidak aktif"):
        ganti_kata_sandi(f.tim, PASSWORD, "Kopi Pagi di Nanga Bulik")
    assert User.get_by_id(f.tim.id).password_hash == before
    refused = AuditLog.select().where(
        (AuditLog.aksi == "ganti_kata_sandi") & (AuditLog.hasil == "ditolak")
    )
    assert refused.count() == 1
