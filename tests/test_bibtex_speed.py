"""bibtex_speed changes how fast reference lists are built, not what they hold."""

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).parent / "roots" / "test-bibtex-speed"


@pytest.mark.parametrize("parallel", [0, 2], ids=["serial", "parallel"])
def test_reference_lists_identical_to_stock(make_app, tmp_path, parallel):
    outputs = {}
    for name, extensions in (("stock", "myst_parser,sphinxcontrib.bibtex"),
                             ("speed", "myst_parser,sphinxcontrib.bibtex,bibtex_speed")):
        srcdir = tmp_path / name
        shutil.copytree(ROOT, srcdir)
        app = make_app("html", srcdir=srcdir, parallel=parallel,
                       confoverrides={"extensions": extensions})
        app.build()
        indexed = type(app.env.domains["cite"]).__name__ == "IndexedBibtexDomain"
        assert indexed == (name == "speed")
        outputs[name] = {p.name: p.read_text(encoding="utf-8") for p in sorted(app.outdir.glob("*.html"))}
    assert outputs["speed"] == outputs["stock"]
    # Each page lists what it cites, and the "cited" list everything.
    assert "Another book" in outputs["speed"]["two.html"]
    assert "A book" not in outputs["speed"]["two.html"]
    assert all(t in outputs["speed"]["all.html"] for t in ("A book", "Another book", "A third book"))
