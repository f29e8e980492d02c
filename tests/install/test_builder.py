"""The bundle builder refuses an incomplete wheel set, judged for the target, not this machine."""

from __future__ import annotations

import os
import zipfile

import pytest

from installer import bundle
from installer.bundle import BundleError, Target

WINDOWS = Target("windows", "3.11")
LINUX = Target("linux", "3.12")


def _wheel(folder, filename, *requires):
    name, version = filename.split("-")[:2]
    meta = f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n"
    meta += "".join(f"Requires-Dist: {r}\n" for r in requires)
    with zipfile.ZipFile(folder / filename, "w") as zf:
        zf.writestr(f"{name}-{version}.dist-info/METADATA", meta)


def _app(folder):
    _wheel(folder, "app-1.0-py3-none-any.whl", "lib>=2", 'winonly; sys_platform == "win32"')
    _wheel(folder, "lib-2.1-cp311-cp311-win_amd64.whl", 'old; python_version < "3.10"')


def test_a_windows_only_dependency_is_required_for_windows_even_when_built_on_linux(tmp_path):
    _app(tmp_path)
    with pytest.raises(BundleError, match="tidak ada wheel winonly"):
        bundle.verify(tmp_path, WINDOWS, ["app==1.0"])
    _wheel(tmp_path, "winonly-1.0-py3-none-any.whl")
    wheels = bundle.verify(tmp_path, WINDOWS, ["app==1.0"])
    assert [w.name.split("-")[0] for w in wheels] == ["app", "lib", "winonly"]


def test_wrong_platform_wrong_version_and_strays_are_each_named(tmp_path):
    _wheel(tmp_path, "app-1.0-py3-none-any.whl", "lib>=3")
    _wheel(tmp_path, "lib-2.1-cp312-cp312-manylinux_2_34_x86_64.whl")
    _wheel(tmp_path, "stray-1.0-py3-none-any.whl")
    with pytest.raises(BundleError) as caught:
        bundle.verify(tmp_path, LINUX, ["app==1.0"])
    text = str(caught.value)
    assert (
        "lib-2.1-cp312-cp312-manylinux_2_34_x86_64.whl tidak cocok untuk linux-x86_64-py3.12"
        in text
    )
    assert "tidak memenuhi lib>=3" in text
    assert "wheel yang tidak dibutuhkan: stray" in text


def test_extras_asked_for_bring_in_their_requirements(tmp_path):
    # psycopg[binary]: psycopg itself names psycopg-binary under "extra == 'binary'"
    _wheel(tmp_path, "app-1.0-py3-none-any.whl", "drv[fast]>=3")
    _wheel(
        tmp_path, "drv-3.2-py3-none-any.whl", 'drv-fast==3.2; extra == "fast"', 'x; extra == "y"'
    )
    with pytest.raises(BundleError, match="tidak ada wheel drv-fast"):
        bundle.verify(tmp_path, LINUX, ["app==1.0"])
    _wheel(tmp_path, "drv_fast-3.2-cp312-cp312-manylinux_2_28_x86_64.whl")
    wheels = bundle.verify(tmp_path, LINUX, ["app==1.0"])
    assert [w.name.split("-")[0] for w in wheels] == ["app", "drv", "drv_fast"]


def test_linux_platform_tags_reach_back_to_manylinux2014():
    tags = LINUX.platform_tags()
    assert tags[0] == "manylinux_2_28_x86_64"
    assert "manylinux2014_x86_64" in tags and "manylinux_2_34_x86_64" not in tags


@pytest.mark.slow
def test_a_dependency_without_a_wheel_for_the_target_fails_the_build(tmp_path, monkeypatch):
    # uvloop publishes no Windows wheels at all; uv asks PyPI (real clock for TLS)
    for name in [k for k in os.environ if k == "LD_PRELOAD" or k.startswith("FAKETIME")]:
        monkeypatch.delenv(name)
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\nversion = "1"\ndependencies = ["uvloop>=0.19"]\n', encoding="utf-8"
    )
    with pytest.raises(BundleError, match="uvloop"):
        bundle.resolve(tmp_path, Target("windows", "3.12"))


def test_the_builder_refuses_ui_importing_itself_by_its_checkout_name(tmp_path):
    (tmp_path / "ui" / "tabs").mkdir(parents=True)
    (tmp_path / "ui" / "__init__.py").write_text("")
    (tmp_path / "ui" / "tabs" / "x.py").write_text(
        "from .base import a\nfrom ui.context import b\n"
    )
    assert bundle.absolute_ui_imports(tmp_path) == ["ui/tabs/x.py:2"]
    with pytest.raises(BundleError, match="kinerja_ui"):
        bundle.build_app_wheel(tmp_path, tmp_path / "out")


def test_the_checkout_ui_imports_itself_relatively_so_the_wheel_can_rename_it():
    # the wheel installs ui/ as kinerja_ui; an absolute "from ui.x import" would break it there
    assert bundle.absolute_ui_imports(bundle.ROOT) == []
