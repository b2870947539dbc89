"""search_index_entries: after an incremental build the search index holds
every page's index entries, as after a full build (sphinx-doc/sphinx#12599)."""

import json
import shutil
from pathlib import Path

from conftest import sphinx_build

ROOT = Path(__file__).parents[1] / "roots" / "test-search-index-entries"


def search_index(outdir: Path) -> dict:
    text = (outdir / "searchindex.js").read_text(encoding="utf-8")
    return json.loads(text.removeprefix("Search.setIndex(").removesuffix(")"))


def build_twice(make_app, src: Path, **overrides) -> tuple[dict, dict]:
    """The index after a full build, and after one page's text is edited."""
    app = make_app("html", srcdir=src, freshenv=False, confoverrides=overrides)
    app.build()
    full = search_index(app.outdir)
    page = src / "index.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nMore text.\n", encoding="utf-8")
    app = make_app("html", srcdir=src, freshenv=False, confoverrides=overrides)
    app.build()
    return full, search_index(app.outdir)


def test_incremental_build_keeps_every_page_s_entries(make_app, tmp_path):
    src = tmp_path / "site"
    shutil.copytree(ROOT, src)
    full, incremental = build_twice(make_app, src)
    assert {"whānau", "two-factor authentication", "2fa", "moderation"} <= set(full["indexentries"])
    assert incremental["indexentries"] == full["indexentries"]

    app = make_app("html", srcdir=src, freshenv=False)
    app.build()  # nothing changed
    assert search_index(app.outdir)["indexentries"] == full["indexentries"]


def test_entries_in_a_full_build_s_order_whatever_the_hash_seed(tmp_path):
    """A term's entries come in page order, as in a full build.

    With PYTHONHASHSEED=1 a set of this root's pages iterates as practice,
    index, glossary: the extension once followed that order, so the term on
    two pages had its entries swapped after an incremental build.
    """
    src = tmp_path / "site"
    shutil.copytree(ROOT, src)
    seed = {"PYTHONHASHSEED": "1"}
    sphinx_build(src, tmp_path / "out", "-b", "html", env=seed)
    page = src / "index.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nMore text.\n", encoding="utf-8")
    sphinx_build(src, tmp_path / "out", "-b", "html", env=seed)
    sphinx_build(src, tmp_path / "clean", "-b", "html", "-E", env=seed)
    incremental = search_index(tmp_path / "out")["indexentries"]
    assert incremental["two-factor authentication"] == [
        [0, "term-Two-factor-authentication", True],
        [2, "index-1", False],
    ]
    assert incremental == search_index(tmp_path / "clean")["indexentries"]


def test_sphinx_itself_still_loses_them(make_app, tmp_path):
    """When this fails, Sphinx keeps the entries itself: delete the extension."""
    src = tmp_path / "site"
    shutil.copytree(ROOT, src)
    full, incremental = build_twice(make_app, src, extensions=["myst_parser"])
    assert "whānau" in full["indexentries"]
    assert "whānau" not in incremental["indexentries"]


def test_left_off_with_a_warning_outside_the_tested_sphinx(make_app, tmp_path, monkeypatch):
    from _ext import compat

    monkeypatch.setitem(compat.TESTED, "sphinx", "0.0.1")
    src = tmp_path / "site"
    shutil.copytree(ROOT, src)
    app = make_app("html", srcdir=src)
    app.build()
    assert app.warning.getvalue().count("Switched off the search index's entries") == 1
    assert "whānau" in search_index(app.outdir)["indexentries"]  # Sphinx's own, full build
