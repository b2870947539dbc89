"""The compatibility module is the one door to other libraries' private APIs."""

import ast
import re
from pathlib import Path

from sphinx.testing.util import SphinxTestApp

from _ext import compat

REPO = Path(__file__).resolve().parents[2]
THIRD_PARTY = ("sphinx", "sphinxcontrib", "pybtex", "furo", "docutils", "myst_parser")


def test_tested_versions_are_the_pins():
    """Changing a pin means checking compat.py against the new version."""
    pins = dict(
        re.findall(
            r"^([A-Za-z0-9_.-]+)==(\S+)", (REPO / "requirements.txt").read_text(), re.MULTILINE
        )
    )
    assert {name: pins[name] for name in compat.TESTED} == compat.TESTED


def test_only_compat_imports_private_names_of_other_libraries():
    offenders = []
    for path in sorted((REPO / "_ext").rglob("*.py")):
        if path.name == "compat.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith(THIRD_PARTY):
                offenders += [
                    f"{path.name}: {node.module}.{a.name}"
                    for a in node.names
                    if a.name.startswith("_") and a.name != "_"
                ]  # _(): the public gettext
            if (
                isinstance(node, ast.Attribute)
                and node.attr.startswith("_")
                and isinstance(node.value, ast.Name)
                and node.value.id
                in ("pybtex", "bibtex_domain", "bibtex_plugin", "StandardDomain", "furo")
            ):
                offenders.append(f"{path.name}: {node.value.id}.{node.attr}")
    assert offenders == []


def test_speedups_switch_off_with_a_warning_outside_tested_versions(rootdir, tmp_path, monkeypatch):
    import shutil

    monkeypatch.setitem(compat.TESTED, "pybtex", "0.0.1")
    srcdir = tmp_path / "speed"
    shutil.copytree(rootdir / "test-bibtex-speed", srcdir)
    app = SphinxTestApp("html", srcdir=srcdir)
    try:
        app.build()
        warnings = app.warning.getvalue()
        domain = type(app.env.domains["cite"]).__name__
    finally:
        app.cleanup()
    assert domain == "BibtexDomain"
    assert (
        "Switched off the bibliography speed-ups: they rely on private behaviour of "
        "pybtex, tested with version 0.0.1" in warnings
    )
