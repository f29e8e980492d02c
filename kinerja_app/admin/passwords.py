"""Password hashes (Argon2id), the password rule, and the login throttle policy.

Parameters: OWASP's Argon2id minimum, m=19 MiB (19456 KiB), t=2, p=1, rather than argon2-cffi's
RFC 9106 low-memory profile (64 MiB, t=3, p=4). The app runs on one office workstation that may
be old and short of RAM; OWASP's set costs ~20-40 ms per login there, does not depend on the
number of cores (p=1), and still makes an offline guess on a copied database file expensive.
Raising the numbers later is safe: :func:`needs_rehash` tells the caller to store a new hash
after the next successful login.
"""

from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass

from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError

from kinerja_app.errors import ValidationError

MEMORY_COST_KIB = 19_456
TIME_COST = 2
PARALLELISM = 1
HASH_LEN = 32
SALT_LEN = 16

MIN_LENGTH = 8
MAX_LENGTH = 256  # long enough for any passphrase; bounds the work an absurd input causes

# Passwords people in an Indonesian office try first; compared case-insensitively.
_COMMON = frozenset(
    {
        "password",
        "password1",
        "password123",
        "passw0rd",
        "katasandi",
        "rahasia",
        "rahasia123",
        "qwerty123",
        "qwertyuiop",
        "asdfghjkl",
        "admin123",
        "administrator",
        "bismillah",
        "indonesia",
        "lamandau",
        "kinerja",
        "kinerja123",
        "setda123",
        "iloveyou",
        "abcd1234",
        "abc12345",
    }
)

_hasher = PasswordHasher(
    time_cost=TIME_COST,
    memory_cost=MEMORY_COST_KIB,
    parallelism=PARALLELISM,
    hash_len=HASH_LEN,
    salt_len=SALT_LEN,
    type=Type.ID,
)


def _normalize(password: str) -> str:
    """NFKC, so the same password typed through different keyboards/IMEs hashes the same."""
    return unicodedata.normalize("NFKC", password)


def hash_password(password: str) -> str:
    """Hash a password for storage.

    Args:
        password: the plain password (already accepted by :func:`check_password_strength`).
    Returns:
        An encoded Argon2id hash, ``$argon2id$v=19$m=19456,t=2,p=1$...``.
    """
    return _hasher.hash(_normalize(password))


def verify_password(stored_hash: str, password: str) -> bool:
    """Whether ``password`` matches ``stored_hash``; False (never an exception) on any failure.

    Args:
        stored_hash: the encoded hash from the database (may be empty or garbage).
        password: what the user typed.
    Returns:
        True only for a correct password and a well-formed Argon2 hash.
    """
    try:
        return _hasher.verify(stored_hash, _normalize(password))
    except (VerificationError, InvalidHashError, TypeError, ValueError):
        return False


def needs_rehash(stored_hash: str) -> bool:
    """Whether a stored hash uses other parameters than today's and should be replaced.

    Call after a successful :func:`verify_password`; a malformed hash also answers True.
    """
    try:
        return _hasher.check_needs_rehash(stored_hash)
    except (InvalidHashError, ValueError):
        return True


def check_password_strength(password: str, *, username: str | None = None) -> None:
    """Refuse a password that is too easy to guess.

    Args:
        password: the proposed password.
        username: the account name, which the password may not equal or contain.
    Raises:
        ValidationError: with an Indonesian sentence saying what to change.
    """
    text = _normalize(password)
    if len(text) < MIN_LENGTH:
        raise ValidationError(
            f"Kata sandi terlalu pendek: minimal {MIN_LENGTH} karakter. Gunakan kata sandi "
            "yang lebih panjang, misalnya gabungan beberapa kata."
        )
    if len(text) > MAX_LENGTH:
        raise ValidationError(
            f"Kata sandi terlalu panjang: maksimal {MAX_LENGTH} karakter. Persingkat kata sandi."
        )
    if text.strip() != text:
        raise ValidationError(
            "Kata sandi tidak boleh diawali atau diakhiri spasi. Hapus spasi di awal dan akhir."
        )
    if text.isdigit():
        raise ValidationError(
            "Kata sandi tidak boleh hanya berisi angka (misalnya NIP atau tanggal lahir). "
            "Tambahkan huruf."
        )
    if len(set(text)) < 4:
        raise ValidationError(
            "Kata sandi terlalu seragam (hampir semua karakternya sama). "
            "Gunakan lebih banyak karakter yang berbeda."
        )
    if text.casefold() in _COMMON:
        raise ValidationError(
            "Kata sandi ini terlalu umum dan mudah ditebak. Pilih kata sandi lain."
        )
    if username and len(username.strip()) >= 3:
        name = _normalize(username).strip().casefold()
        if name in text.casefold():
            raise ValidationError(
                "Kata sandi tidak boleh memuat nama pengguna. Pilih kata sandi lain."
            )


@dataclass(frozen=True)
class LoginPolicy:
    """How failed logins are slowed down and when an account is locked (pure; no clock, no I/O).

    Defaults: the first 5 failures cost nothing (typos happen); from the 5th failure on, the next
    attempt waits 1, 2, 4, 8, 16 s (doubling, capped at ``max_delay_s`` = 60 s); at 10
    consecutive failures the account is locked until an administrator resets the counter. Ten
    tries with those waits take about half a minute, too slow for guessing and harmless for a
    person who mistyped. The caller stores the failure count per account and resets it on a
    successful login.
    """

    max_failures: int = 5
    base_delay_s: float = 1.0
    max_delay_s: float = 60.0
    lock_after: int = 10

    def __post_init__(self) -> None:
        if self.max_failures < 0 or self.lock_after <= self.max_failures:
            raise ValueError("need 0 <= max_failures < lock_after")
        if not (0 < self.base_delay_s <= self.max_delay_s) or not math.isfinite(self.max_delay_s):
            raise ValueError("need 0 < base_delay_s <= max_delay_s < inf")

    def delay_after(self, failures: int) -> float:
        """Seconds to wait before the next attempt after ``failures`` consecutive failures."""
        if failures < self.max_failures:
            return 0.0
        exponent = min(failures - self.max_failures, 62)  # avoid float overflow
        return min(self.base_delay_s * 2.0**exponent, self.max_delay_s)

    def is_locked(self, failures: int) -> bool:
        """Whether the account is locked after ``failures`` consecutive failures."""
        return failures >= self.lock_after

    def locked_message(self) -> str:
        """The Indonesian sentence to show for a locked account."""
        return (
            f"Akun ini dikunci setelah {self.lock_after} kali salah kata sandi. "
            "Minta administrator membuka kunci akun atau mengatur ulang kata sandi."
        )
