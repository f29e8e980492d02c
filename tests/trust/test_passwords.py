import itertools

import pytest
from argon2 import PasswordHasher

from kinerja_app.admin.passwords import (
    LoginPolicy,
    check_password_strength,
    hash_password,
    needs_rehash,
    verify_password,
)
from kinerja_app.errors import ValidationError


def test_hash_is_argon2id_with_owasp_parameters():
    encoded = hash_password("Sandi-Rahasia-2024")
    assert encoded.startswith("$argon2id$v=19$m=19456,t=2,p=1$")
    salt, digest = encoded.split("$")[4:6]
    assert len(salt) >= 22 and len(digest) >= 43  # 16-byte salt, 32-byte hash, base64
    assert hash_password("Sandi-Rahasia-2024") != encoded  # fresh salt each time


def test_verify_accepts_right_and_refuses_wrong_password():
    encoded = hash_password("Sandi-Rahasia-2024")
    assert verify_password(encoded, "Sandi-Rahasia-2024") is True
    assert verify_password(encoded, "sandi-rahasia-2024") is False
    assert verify_password(encoded, "") is False


@pytest.mark.parametrize("bad", ["", "garbage", "$argon2id$v=19$m=19456,t=2,p=1$xx$yy", "$2b$12$x"])
def test_verify_never_raises_on_invalid_hash(bad):
    assert verify_password(bad, "apa saja") is False


def test_needs_rehash_only_for_other_parameters():
    assert needs_rehash(hash_password("Sandi-Rahasia-2024")) is False
    weak = PasswordHasher(time_cost=1, memory_cost=8192, parallelism=1).hash("x")
    assert needs_rehash(weak) is True
    assert needs_rehash("bukan hash") is True


@pytest.mark.parametrize(
    ("password", "fragment"),
    [
        ("abc12", "minimal 8"),
        ("198706152010", "angka"),
        ("aaaaaaaaaa", "seragam"),
        ("Password123", "umum"),
        (" sandiku-panjang", "spasi"),
        ("budi.santoso99", "nama pengguna"),
    ],
)
def test_weak_passwords_are_refused_in_indonesian(password, fragment):
    with pytest.raises(ValidationError, match=fragment):
        check_password_strength(password, username="budi.santoso")


def test_reasonable_password_is_accepted():
    check_password_strength("Kopi Pagi di Nanga Bulik", username="budi.santoso")


def test_throttle_free_attempts_then_growing_delay_then_lock():
    policy = LoginPolicy()
    assert [policy.delay_after(n) for n in range(5)] == [0.0] * 5
    delays = [policy.delay_after(n) for n in range(5, 10)]
    assert delays == [1.0, 2.0, 4.0, 8.0, 16.0]
    assert all(a < b for a, b in itertools.pairwise(delays))
    assert policy.delay_after(1000) == policy.max_delay_s == 60.0
    assert not policy.is_locked(9)
    assert policy.is_locked(10)
    assert "administrator" in policy.locked_message()


def test_throttle_rejects_inconsistent_numbers():
    with pytest.raises(ValueError):
        LoginPolicy(max_failures=5, lock_after=5)
