"""The toolkit's generated content in the EPUB, whose pages are XHTML.

The epub builder is an HTML builder, so the matrix and the self-assessment
come out as their HTML; an ebook reader parses it as XML, where a bare
attribute or an unclosed <input> makes the whole page unreadable.
"""

import xml.etree.ElementTree as ET

import pytest

XHTML = {"x": "http://www.w3.org/1999/xhtml"}


@pytest.mark.sphinx("epub", testroot="toolkit")
def test_matrix_and_self_assessment_are_well_formed_xhtml(app):
    app.build()
    pages = {}
    for path in app.outdir.rglob("*.xhtml"):
        name = path.relative_to(app.outdir).as_posix()
        try:
            pages[name] = ET.parse(path)
        except ET.ParseError as error:
            pytest.fail(f"{name} is not well-formed XHTML: {error}")
    assessment = pages["guidance/self-assessment.xhtml"]
    questions = assessment.findall(".//x:fieldset[@class='sa-question']", XHTML)
    assert len(questions) == 4
    assert all(len(q.findall(".//x:input[@type='radio']", XHTML)) == 4 for q in questions)
    matrix = pages["case-studies/index.xhtml"].find(".//x:table", XHTML)
    assert (
        "".join(matrix.find("x:caption", XHTML).itertext()).strip()
        == "Which success factors each case study illustrates"
    )
    assert matrix.findall(".//x:th[@scope='row']", XHTML)
