"""Master data for the administrator screens and pickers: OPDs, holidays, users."""

from __future__ import annotations

from kinerja_app.storage.models import HariLibur, PerangkatDaerah, User


def daftar_opd(*, aktif_saja: bool = False) -> list[PerangkatDaerah]:
    """The OPD list in its configured order."""
    query = PerangkatDaerah.select().order_by(PerangkatDaerah.urutan, PerangkatDaerah.nama)
    if aktif_saja:
        query = query.where(PerangkatDaerah.aktif == True)  # noqa: E712
    return list(query)


def get_opd(opd_id: int) -> PerangkatDaerah | None:
    """One OPD by id."""
    return PerangkatDaerah.get_or_none(PerangkatDaerah.id == opd_id)


def daftar_hari_libur() -> list[HariLibur]:
    """The extra holidays (cuti bersama, regional holidays), by date."""
    return list(HariLibur.select().order_by(HariLibur.tanggal))


def get_user(user_id: int) -> User | None:
    """One account by id (fresh from the database)."""
    return User.get_or_none(User.id == user_id)
