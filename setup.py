"""Package list for setuptools: the one thing pyproject.toml cannot say without a hand list.

The wheel installs ``ui/`` as ``kinerja_ui`` (``package-dir`` in pyproject.toml), so every
subpackage of ``ui`` is listed under that name; new subpackages are picked up on their own.
"""

from setuptools import find_packages, setup

CORE = find_packages(include=["kinerja_app", "kinerja_app.*"])
GUI = ["kinerja_ui" + name.removeprefix("ui") for name in find_packages(include=["ui", "ui.*"])]
# resources/ has no __init__.py: listed here so its files ride inside kinerja_app
RESOURCES = ["kinerja_app.resources", "kinerja_app.resources.templates"]

setup(packages=CORE + GUI + RESOURCES)
