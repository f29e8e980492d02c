"""The connection dialog: a server is tried before it is kept; the password never in the address."""

from __future__ import annotations

import json
import os

from PySide6.QtWidgets import QDialogButtonBox

from kinerja_app.storage import credentials, server
from ui.sambungan import SambunganDialog


def fill(dialog, url: str, password: str = "") -> None:
    address = server.parse_url(url)
    dialog.shared.setChecked(True)
    dialog.host.setText(address.host)
    dialog.port.setValue(address.port)
    dialog.dbname.setText(address.dbname)
    dialog.user.setText(address.user)
    dialog.password.setText(password)


def test_a_working_server_is_remembered_without_its_password(
    pg_server, qtbot, tmp_path, monkeypatch
):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    name = pg_server.create_kinerja()
    try:
        dialog = SambunganDialog(None)
        qtbot.addWidget(dialog)
        fill(dialog, pg_server.url(name))  # password already in the test's password file
        dialog.box.button(QDialogButtonBox.StandardButton.Save).click()
        assert dialog.result() == dialog.DialogCode.Accepted
        assert credentials.saved_target() == pg_server.url(name)
        stored = (tmp_path / "data" / "Kinerja" / credentials.TARGET_FILE).read_text()
        assert json.loads(stored) == {"server": pg_server.url(name)}
    finally:
        pg_server.drop(name)


def test_a_wrong_password_is_said_plainly_and_nothing_is_remembered(
    pg_server, qtbot, tmp_path, monkeypatch
):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "pgpass.conf"))
    dialog = SambunganDialog(None)
    qtbot.addWidget(dialog)
    fill(dialog, pg_server.url("postgres"), password="salah-sekali")
    dialog.box.button(QDialogButtonBox.StandardButton.Save).click()
    assert dialog.result() != dialog.DialogCode.Accepted
    assert "kata sandi" in dialog.status.text()
    assert credentials.saved_target() is None
    passfile = tmp_path / "pgpass.conf"
    assert oct(passfile.stat().st_mode & 0o777) == oct(0o600)
    assert "salah-sekali" in passfile.read_text() and dialog.password.text() == ""
    assert os.environ["PGPASSFILE"] == str(passfile)


def test_an_address_with_a_password_is_refused():
    import pytest

    from kinerja_app.errors import DatabaseProblem

    with pytest.raises(DatabaseProblem, match="jangan ditulis di alamat"):
        server.parse_url("postgresql://kinerja_staf:rahasia@10.0.0.5/kinerja")
