"""Generated pages stay right in incremental builds, and parallel builds give
the same pages as serial ones."""

from build_failure import failed_build
from toolkit_build import copy_root, edit

GENERATED = (
    "case-studies/index.html",
    "guidance/government-sector.html",
    "guidance/success-factors/leadership.html",
    "guidance/success-factors/strategy.html",
    "guidance/self-assessment.html",
)


def pages(outdir):
    return {page: (outdir / page).read_text(encoding="utf-8") for page in GENERATED}


def test_case_study_front_matter_edit_updates_every_index(make_app, tmp_path):
    src = copy_root("toolkit", tmp_path)
    make_app("html", srcdir=src).build()
    case = src / "case-studies/measles.md"
    edit(case, "sector: government", "sector: non-profit")
    edit(case, "success_factors: [strategy]", "success_factors: [strategy, leadership]")
    edit(case, "Reaching teenagers", "Reaching young people")
    app = make_app("html", srcdir=src, freshenv=False)  # no -E: an incremental build
    app.build()
    after = pages(app.outdir)
    assert "Measles outbreak" not in after["guidance/government-sector.html"]
    assert "Measles outbreak" in after["guidance/success-factors/leadership.html"]
    assert "Reaching young people" in after["case-studies/index.html"]
    assert "Reaching teenagers" not in after["guidance/success-factors/strategy.html"]
    # The matrix: measles now has a mark under Leadership (second factor column).
    matrix = after["case-studies/index.html"].split('class="success-factor-matrix"')[1]
    row = matrix.split('href="measles.html"><span>Measles outbreak')[1]
    row = row.split("</tr>")[0]
    assert row.count('class="mark"') == 2


def test_only_what_indexes_show_makes_them_rewrite(make_app, tmp_path):
    """A body edit rewrites only its page; a front matter edit, every index too."""
    src = copy_root("toolkit", tmp_path)
    make_app("html", srcdir=src).build()
    case = src / "case-studies/measles.md"

    edit(case, "Text.", "Text, revised.")
    app = make_app("html", srcdir=src, freshenv=False)
    app.build()
    assert "Text, revised." in (app.outdir / "case-studies/measles.html").read_text(
        encoding="utf-8"
    )
    # The sector page shows a generated list that includes this case study
    # (case-studies/index.html is its toctree parent, which Sphinx rewrites).
    sector_page = app.outdir / "guidance/government-sector.html"
    unchanged_index = sector_page.stat().st_mtime_ns

    edit(case, "Text, revised.", "Text, revised again.")
    app = make_app("html", srcdir=src, freshenv=False)
    app.build()
    assert sector_page.stat().st_mtime_ns == unchanged_index

    edit(case, "year: 2011", "year: 2012")
    app = make_app("html", srcdir=src, freshenv=False)
    app.build()
    assert sector_page.stat().st_mtime_ns != unchanged_index
    assert "Waikato District Health Board, 2012" in sector_page.read_text(encoding="utf-8")


def test_question_edit_updates_the_self_assessment(make_app, tmp_path):
    src = copy_root("toolkit", tmp_path)
    make_app("html", srcdir=src).build()
    edit(
        src / "guidance/success-factors/strategy.md",
        "Is your social media strategy written down?",
        "Is your strategy written down and agreed?",
    )
    app = make_app("html", srcdir=src, freshenv=False)
    app.build()
    html = (app.outdir / "guidance/self-assessment.html").read_text(encoding="utf-8")
    assert "Is your strategy written down and agreed?" in html
    assert "Is your social media strategy written down?" not in html


def test_removing_a_case_study_drops_it_everywhere(make_app, tmp_path):
    src = copy_root("toolkit", tmp_path)
    make_app("html", srcdir=src).build()
    (src / "case-studies/red-cross.md").unlink()
    edit(src / "case-studies/index.md", "red-cross\n", "")
    app = make_app("html", srcdir=src, freshenv=False)
    app.build()
    assert "Red Cross" not in pages(app.outdir)["guidance/success-factors/leadership.html"]


def test_parallel_build_gives_the_same_pages(make_app, tmp_path):
    serial = make_app("html", srcdir=copy_root("toolkit", tmp_path / "serial"), parallel=1)
    serial.build()
    parallel = make_app("html", srcdir=copy_root("toolkit", tmp_path / "parallel"), parallel=2)
    parallel.build()
    # (Two apps in one test re-register docutils nodes: warnings, not errors.)
    assert "ERROR" not in parallel.warning.getvalue()
    assert pages(parallel.outdir) == pages(serial.outdir)


def test_a_parallel_build_still_fails_on_bad_front_matter(make_app, tmp_path):
    src = copy_root("toolkit", tmp_path)
    edit(src / "case-studies/red-cross.md", "sector: non-profit", "sector: nonprofit")
    message = failed_build(make_app("html", srcdir=src, parallel=2), problems=1)
    assert "case-studies/red-cross.md:7: ERROR: sector: 'nonprofit'" in message
