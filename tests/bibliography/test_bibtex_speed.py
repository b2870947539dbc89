"""The bibliography speed-ups change how fast reference lists are built, not what they hold."""

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1] / "roots" / "test-bibtex-speed"


@pytest.mark.parametrize("parallel", [0, 2], ids=["serial", "parallel"])
def test_reference_lists_identical_to_stock(make_app, tmp_path, parallel):
    outputs = {}
    for name, speedups in (("stock", False), ("speed", True)):
        srcdir = tmp_path / name
        shutil.copytree(ROOT, srcdir)
        app = make_app(
            "html",
            srcdir=srcdir,
            parallel=parallel,
            confoverrides={"guide_bibliography_speedups": speedups},
        )
        app.build()
        indexed = type(app.env.domains["cite"]).__name__ == "IndexedBibtexDomain"
        assert indexed == (name == "speed")
        outputs[name] = {
            p.name: p.read_text(encoding="utf-8") for p in sorted(app.outdir.glob("*.html"))
        }
    assert outputs["speed"] == outputs["stock"]
    # Each page lists what it cites, and the "cited" list everything.
    assert "Another book" in outputs["speed"]["two.html"]
    assert "A book" not in outputs["speed"]["two.html"]
    assert all(
        t in outputs["speed"]["all.html"] for t in ("A book", "Another book", "A third book")
    )


def test_kept_reference_lists_follow_citation_and_bib_edits(make_app, tmp_path):
    """Lists formatted in an earlier build are reused only while nothing they show changed."""
    srcdir = tmp_path / "site"
    shutil.copytree(ROOT, srcdir)

    def build():
        app = make_app("html", srcdir=srcdir, freshenv=False, confoverrides={})
        app.build()
        return {
            name: (app.outdir / name).read_text(encoding="utf-8")
            for name in ("one.html", "two.html", "all.html")
        }

    build()
    two = srcdir / "two.md"
    two.write_text(
        two.read_text(encoding="utf-8").replace(
            "{cite:p}`beta2011book`", "{cite:p}`beta2011book,gamma2012book`"
        ),
        encoding="utf-8",
    )
    after_citation = build()
    assert "A third book" in after_citation["two.html"]

    bib = srcdir / "refs.bib"
    bib.write_text(
        bib.read_text(encoding="utf-8").replace("Another book", "Another title"), encoding="utf-8"
    )
    after_bib = build()
    assert "Another title" in after_bib["two.html"]
    assert "Another book" not in after_bib["all.html"]

    # The same inputs built from scratch give the same pages.
    fresh = make_app("html", srcdir=srcdir, freshenv=True, confoverrides={})
    fresh.build(force_all=True)
    for name, html in after_bib.items():
        assert (fresh.outdir / name).read_text(encoding="utf-8") == html


def test_a_rebuild_that_reads_nothing_makes_no_citations(make_app, tmp_path, monkeypatch):
    """The citations the environment holds are the last build's, when no page
    was read and the .bib files are the same; equal entries are one object."""
    from sphinxcontrib.bibtex.domain import BibtexDomain

    srcdir = tmp_path / "site"
    shutil.copytree(ROOT, srcdir)
    first = make_app("html", srcdir=srcdir, freshenv=False)
    first.build()
    made = [(c.key, c.bibliography_key) for c in first.env.domains["cite"].citations]
    by_key: dict = {}
    for citation in first.env.domains["cite"].citations:
        by_key.setdefault(citation.key, set()).add(id(citation.formatted_entry))
    # beta2011book is in the lists of three pages (and the "cited" page): one object.
    assert len(by_key["beta2011book"]) == 1

    formatted = []
    library = BibtexDomain.env_updated
    monkeypatch.setattr(
        BibtexDomain, "env_updated", lambda self: formatted.append(self) or library(self)
    )
    again = make_app("html", srcdir=srcdir, freshenv=False)
    again.build()
    assert formatted == []
    assert [(c.key, c.bibliography_key) for c in again.env.domains["cite"].citations] == made

    # A page read again: the library makes the citations afresh.
    one = srcdir / "one.md"
    one.write_text(one.read_text(encoding="utf-8") + "\nMore text.\n", encoding="utf-8")
    make_app("html", srcdir=srcdir, freshenv=False).build()
    assert len(formatted) == 1
