"""tools/check_latex_log.py: what TeX lets pass in the LaTeX book.

`make pdf` writes the PDF with WeasyPrint (_ext/pdf_book); Sphinx's LaTeX
builder (`sphinx-build -M latexpdf`) still gives an untagged PDF, and this
checks its log.
"""

from tools import check_latex_log


def test_log_check_finds_what_tex_lets_pass():
    # TeX wraps long log lines at 79 characters.
    long_line = (
        "LaTeX Warning: Citation `guidance/references:id-with-a-very-long-name-"
        "that-wraps' on page 3 undefined on input line 99."
    )
    log = "\n".join(
        [
            "LaTeX Warning: Reference `guidance/strategy:plan' on page 12 undefined on input",
            " line 4021.",
            long_line[:79],
            long_line[79:],
            "LaTeX Warning: Label `guidance/index:x' multiply defined.",
            "Missing character: There is no ā (U+0101) in font cmr10!",
            "LaTeX Warning: There were undefined references.",
            "LaTeX Warning: Reference `guidance/strategy:plan' on page 12 undefined on input",
        ]
    )
    assert check_latex_log.problems(log) == [
        "LaTeX Warning: Reference `guidance/strategy:plan' on page 12 undefined",
        "LaTeX Warning: Citation `guidance/references:id-with-a-very-long-name-that-wraps' "
        "on page 3 undefined",
        "LaTeX Warning: Label `guidance/index:x' multiply defined",
        "Missing character: There is no ā (U+0101) in font cmr10!",
        "LaTeX Warning: There were undefined references",
    ]


def test_clean_log_passes(tmp_path, capsys):
    log = tmp_path / "book.log"
    log.write_text("Output written on book.pdf (96 pages).\n")
    assert check_latex_log.main([str(log)]) == 0
