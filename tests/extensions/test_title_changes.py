"""title_changes: a changed title reaches every page in an incremental build;
an edit that changes no title rewrites only what Sphinx rewrites anyway.
(tests/extensions/test_fast_navigation.py checks the sidebars and links themselves.)"""

import shutil
from pathlib import Path

ROOT = Path(__file__).parents[1] / "roots" / "test-navigation"


def written(app) -> dict:
    return {
        p.relative_to(app.outdir).as_posix(): p.stat().st_mtime_ns
        for p in app.outdir.rglob("*.html")
    }


def test_a_title_change_rewrites_every_page_a_body_edit_does_not(make_app, tmp_path):
    src = tmp_path / "site"
    shutil.copytree(ROOT, src)
    app = make_app("html", srcdir=src, freshenv=False)
    app.build()
    first = written(app)

    page = src / "case-studies" / "case-2.md"
    page.write_text(page.read_text() + "\nMore text.\n")
    app = make_app("html", srcdir=src, freshenv=False)
    app.build()
    second = written(app)
    assert sorted(p for p in first if second[p] != first[p]) == [
        "case-studies/case-2.html",
        "case-studies/index.html",
        "genindex.html",
        "search.html",
    ]

    whakapapa = src / "guidance" / "whakapapa.md"
    whakapapa.write_text(whakapapa.read_text().replace("Whakapapa and whānau", "Whakapapa"))
    app = make_app("html", srcdir=src, freshenv=False)
    app.build()
    third = written(app)
    assert all(third[p] != second[p] for p in second), "every page rewritten"
    assert "rewriting every page" in app.status.getvalue()


def test_a_rebuild_that_reads_nothing_works_out_no_digest(make_app, tmp_path, monkeypatch):
    from _ext import title_changes

    src = tmp_path / "site"
    shutil.copytree(ROOT, src)
    make_app("html", srcdir=src, freshenv=False).build()
    digests = []
    fingerprint = title_changes.titles_fingerprint
    monkeypatch.setattr(
        title_changes,
        "titles_fingerprint",
        lambda app, env: digests.append(1) or fingerprint(app, env),
    )
    make_app("html", srcdir=src, freshenv=False).build()
    assert digests == []
    page = src / "case-studies" / "case-2.md"
    page.write_text(page.read_text() + "\nMore text.\n")
    make_app("html", srcdir=src, freshenv=False).build()
    assert digests == [1]


def test_a_title_changed_while_another_builder_read_it_reaches_every_page(make_app, tmp_path):
    """The text builder shares the environment: the next HTML build, which
    reads nothing itself, still rewrites every page."""
    src = tmp_path / "site"
    shutil.copytree(ROOT, src)
    make_app("html", srcdir=src, freshenv=False).build()
    whakapapa = src / "guidance" / "whakapapa.md"
    whakapapa.write_text(whakapapa.read_text().replace("Whakapapa and whānau", "Whakapapa"))
    text = make_app("text", srcdir=src, freshenv=False)
    text.build()
    assert text.doctreedir == make_app("html", srcdir=src, freshenv=False).doctreedir
    app = make_app("html", srcdir=src, freshenv=False)
    app.build()
    assert "rewriting every page" in app.status.getvalue()
    about = (app.outdir / "about.html").read_text()
    assert "Whakapapa and whānau" not in about and "Whakapapa" in about
