"""Accounts: first administrator, roles, login throttling and lock, all audited."""

from __future__ import annotations

import datetime as dt

import pytest

from kinerja_app import clock
from kinerja_app.admin.pengguna import (
    DataPengguna,
    ada_pengguna,
    buat_admin_pertama,
    buka_blokir,
    masuk,
    simpan_pengguna,
)
from kinerja_app.errors import ActionRefused, UserError, ValidationError
from kinerja_app.storage.models import AuditLog, User
from kinerja_app.storage.models.master import Role
from tests.factory import PASSWORD


def test_first_admin_once(db):
    assert not ada_pengguna()
    admin = buat_admin_pertama(
        DataPengguna("Admin", "Admin Satu", frozenset({Role.TIM})), "kata-sandi-kuat-1"
    )
    assert admin.roles() == {Role.ADMIN, Role.TIM}
    assert admin.password_hash.startswith("$argon2id$")
    with pytest.raises(ActionRefused):
        buat_admin_pertama(
            DataPengguna("lain", "Lain", frozenset({Role.ADMIN})), "kata-sandi-kuat-1"
        )


def test_admin_creates_user_with_several_roles_and_nip_checked(f):
    data = DataPengguna(
        "yohanes", "Yohanes", frozenset({Role.KABAG, Role.TIM}), nip="19750214 199903 1 004"
    )
    changes = simpan_pengguna(f.admin, data, password="sandi-kabag-2026")
    user = User.get_by_id(changes.objek_id)
    assert user.roles() == {Role.KABAG, Role.TIM} and user.nip == "197502141999031004"
    with pytest.raises(ValidationError, match="NIP"):
        simpan_pengguna(
            f.admin,
            DataPengguna("x", "X", frozenset({Role.TIM}), nip="123"),
            password="sandi-kabag-2026",
        )
    with pytest.raises(ActionRefused):
        simpan_pengguna(
            f.tim, DataPengguna("y", "Y", frozenset({Role.TIM})), password="sandi-kabag-2026"
        )
    assert (
        AuditLog.select()
        .where((AuditLog.aksi == "simpan_pengguna") & (AuditLog.hasil == "ditolak"))
        .count()
        == 1
    )


def test_login_ok_and_wrong_password_audited(f):
    assert masuk("tim", PASSWORD).id == f.tim.id
    with pytest.raises(UserError, match="salah"):
        masuk("tim", "keliru")
    rows = [(a.aksi, a.hasil) for a in AuditLog.select().where(AuditLog.aksi == "masuk")]
    assert rows == [("masuk", "ok"), ("masuk", "ditolak")]


def test_failed_logins_delay_then_lock_until_admin_unlocks(f):
    moment = clock.now()
    messages = []
    for i in range(40):
        try:
            masuk("tim", "keliru", waktu=moment + dt.timedelta(hours=i))
        except UserError as exc:
            messages.append(str(exc))
        if "administrator" in messages[-1]:
            break
    assert any("Coba lagi" in m for m in messages) or any("administrator" in m for m in messages)
    assert "administrator" in messages[-1]
    with pytest.raises(UserError, match="administrator"):
        masuk("tim", PASSWORD, waktu=moment + dt.timedelta(days=1))
    buka_blokir(f.admin, User.get_by_id(f.tim.id))
    assert masuk("tim", PASSWORD).id == f.tim.id


def test_delay_after_five_failures_blocks_even_correct_password(f):
    moment = clock.now()
    for _ in range(5):
        with pytest.raises(UserError):
            masuk("tim", "keliru", waktu=moment)
    with pytest.raises(UserError, match="Coba lagi"):
        masuk("tim", PASSWORD, waktu=moment)


def test_inactive_user_cannot_login_or_act(f):
    simpan_pengguna(
        f.admin, DataPengguna("tim", "Rina", frozenset({Role.TIM}), aktif=False), user=f.tim
    )
    with pytest.raises(UserError, match="tidak aktif"):
        masuk("tim", PASSWORD)


def test_administrator_is_slowed_but_never_locked_out(f):
    moment = clock.now()
    for i in range(15):
        with pytest.raises(UserError):
            masuk("admin", "keliru", waktu=moment + dt.timedelta(hours=i))
    assert masuk("admin", PASSWORD, waktu=moment + dt.timedelta(days=1)).id == f.admin.id


def test_idle_unlock_follows_the_login_rules(f, jam):
    from kinerja_app.admin.pengguna import cek_kata_sandi

    jam.bekukan()  # the 1-second delay after the 5th failure must not run out on a slow machine
    assert cek_kata_sandi(f.tim, PASSWORD)
    for _ in range(5):
        jam.maju(minutes=1)  # past the previous delay, so every wrong guess counts
        with pytest.raises(UserError, match="salah"):
            cek_kata_sandi(f.tim, "tebakan")
    with pytest.raises(UserError, match="Coba lagi"):
        cek_kata_sandi(f.tim, PASSWORD)  # the delay applies to the lock screen too
    assert User.get_by_id(f.tim.id).gagal_login == 5


def test_deactivated_account_cannot_act_from_an_open_session(f):
    from kinerja_app.workflow.disposisi import buat_disposisi

    periode = f.periode()
    session_user = f.kabag  # the object the open window holds
    simpan_pengguna(
        f.admin, DataPengguna("kabag", "Kabag", frozenset({Role.KABAG}), aktif=False), user=f.kabag
    )
    with pytest.raises(ActionRefused, match="tidak aktif"):
        buat_disposisi(session_user, periode, hal="x", isi="y")


def test_the_last_administrator_cannot_be_removed(f):
    with pytest.raises(ActionRefused, match="akun Anda sendiri"):
        simpan_pengguna(
            f.admin,
            DataPengguna("admin", "Admin", frozenset({Role.ADMIN}), aktif=False),
            user=f.admin,
        )
    other = f.user("admin2", "Admin Dua", Role.ADMIN)
    simpan_pengguna(
        f.admin, DataPengguna("admin2", "Admin Dua", frozenset({Role.TIM})), user=other
    )  # admin remains
    assert not User.get_by_id(other.id).has_role(Role.ADMIN)


def test_login_racing_a_password_reset_does_not_let_the_old_password_in(f, monkeypatch):
    """The administrator resets a leaked password at another workstation while someone is
    logging in with it: the old password is checked before the write lock, the reset commits
    meanwhile, and the login must then judge the password the account holds now."""
    import threading

    from kinerja_app.admin.passwords import verify_password

    baru = "sandi-baru-kantor-7"
    real_verify = verify_password

    def verify_while_admin_resets(stored, password):
        result = real_verify(stored, password)
        if stored != f.tim.password_hash:
            return result  # checked again after the reset: nothing more happens meanwhile
        reset = threading.Thread(  # another connection: the administrator's workstation
            target=simpan_pengguna,
            args=(f.admin, DataPengguna("tim", f.tim.nama, frozenset({Role.TIM}))),
            kwargs={"password": baru, "user": f.tim},
        )
        reset.start()
        reset.join()
        return result

    monkeypatch.setattr("kinerja_app.admin.pengguna.verify_password", verify_while_admin_resets)
    with pytest.raises(UserError, match="salah"):
        masuk("tim", PASSWORD)
    monkeypatch.setattr("kinerja_app.admin.pengguna.verify_password", real_verify)
    assert masuk("tim", baru).id == f.tim.id
    rows = [(a.aksi, a.hasil) for a in AuditLog.select().order_by(AuditLog.id)][-3:]
    assert rows == [("simpan_pengguna", "ok"), ("masuk", "ditolak"), ("masuk", "ok")]
