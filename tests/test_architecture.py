"""The core never imports Django: only feltsafe/web may (ARCHITECTURE.md)."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "feltsafe"
FORBIDDEN = ("django", "ninja", "feltsafe.web")


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_no_core_module_imports_django():
    core_files = [
        p
        for p in PACKAGE.rglob("*.py")
        if "web" not in p.relative_to(PACKAGE).parts
        # Top-level command-line entry points may set Django up (lazily) to reach the database.
        and not (p.parent == PACKAGE and (p.name == "cli.py" or p.name.endswith("_cli.py")))
    ]
    assert len(core_files) > 5
    offenders = {
        str(p.relative_to(PACKAGE)): sorted(
            n
            for n in _imports(p)
            if n.split(".")[0] in ("django", "ninja") or n.startswith(FORBIDDEN)
        )
        for p in core_files
    }
    assert {k: v for k, v in offenders.items() if v} == {}
