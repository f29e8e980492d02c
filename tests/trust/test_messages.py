"""Messages point only to menu items and tabs that exist."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ARROW = " › "  # "Berkas › Cadangkan sekarang": a menu or tab, then an item in it


def _strings(folder: str) -> list[tuple[Path, str]]:
    """Every string literal under `folder` that is not a docstring, with its file."""
    found: list[tuple[Path, str]] = []
    for path in (ROOT / folder).rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {
            id(node.body[0].value)
            for node in ast.walk(tree)
            if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef)
            and node.body
            and isinstance(node.body[0], ast.Expr)
        }
        found += [
            (path, node.value)
            for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str)
            if id(node) not in docstrings
        ]
    return found


def _labels() -> set[str]:
    """Every literal the UI shows as a menu, an action or a tab."""
    labels: set[str] = set()
    for _, text in _strings("ui"):
        labels.add(text.replace("&", "").strip())
    return labels


def _names_an_item(text: str, at: int, labels: set[str]) -> bool:
    before, after = text[:at], text[at + len(ARROW) :]
    place = any(before.endswith(label) for label in labels if label)
    item = any(after.startswith(label) for label in labels if len(label) > 3)
    return place and item


def test_menu_references_name_existing_items():
    labels = _labels() - {ARROW.strip()}
    wrong = []
    for path, text in _strings("kinerja_app") + _strings("ui"):
        at = text.find(ARROW)
        while at >= 0:
            if not _names_an_item(text, at, labels):
                wrong.append(f"{path.relative_to(ROOT)}: {text[max(0, at - 20) : at + 30]}")
            at = text.find(ARROW, at + 1)
    assert not wrong, wrong


def test_no_message_sends_the_user_to_a_settings_menu_that_does_not_exist():
    for path, text in _strings("kinerja_app"):
        assert "di Pengaturan" not in text and "Pulihkan Cadangan" not in text, path
