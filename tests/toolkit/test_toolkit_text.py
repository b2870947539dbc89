"""The generated parts read as plain text (the text builder)."""

import pytest


def page(app, name):
    return (app.outdir / name).read_text(encoding="utf-8")


@pytest.mark.sphinx("text", testroot="toolkit")
def test_matrix_lists_and_self_assessment_read_as_text(app):
    app.build()
    assert app.warning.getvalue() == ""
    cases = page(app, "case-studies/index.txt")
    # The matrix: one line per case study, naming the factors it shows.
    assert (
        "Which success factors each case study illustrates:\n\n"
        "* Red Cross (2009): Leadership\n\n"
        "* Share an Idea (2011): Strategy, Leadership\n\n"
        "* Measles outbreak (2011): Strategy\n"
    ) in cases
    # A list: each case with its organisation, year and description.
    assert "* Share an Idea (Christchurch City Council, 2011). A city asks\n  residents" in cases
    assert "No case studies yet for this success factor" in page(
        app, "guidance/success-factors/measurement.txt"
    )
    # The self-assessment: a worksheet, numbered per factor, a box per answer.
    worksheet = page(app, "guidance/self-assessment.txt")
    assert (
        "-[ Leadership ]-\n\n"
        "1. Does a named senior leader champion your social media work?\n\n"
        "   [ ] yes  [ ] partly  [ ] no  [ ] n/a\n\n"
        "2. Do leaders give staff time to take part?\n\n"
        "   [ ] yes  [ ] partly  [ ] no  [ ] n/a\n"
    ) in worksheet
    assert "<" not in worksheet and "\\" not in worksheet
