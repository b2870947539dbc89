"""tools/content_lint.py: spelling, macrons and New Zealand spelling."""

from pathlib import Path

import pytest

from tools import content_lint

FIXTURES = Path(__file__).parents[1] / "content-lint"
REPO = Path(__file__).resolve().parents[2]

EXPECTED = {
    "spelling-bad.md": [
        'spelling-bad.md:3: found "recieve": write "receive"',
        'spelling-bad.md:4: found "teh": write "the"',
    ],
    "macrons-bad.md": [
        'macrons-bad.md:3: found "Maori": write "Māori"',
        'macrons-bad.md:3: found "Otorohanga": write "Ōtorohanga"',
        'macrons-bad.md:3: found "Taupo": write "Taupō"',
        'macrons-bad.md:3: found "Waipa": write "Waipā"',
        'macrons-bad.md:4: found "Pakeha": write "Pākehā"',
        'macrons-bad.md:4: found "Whangarei": write "Whangārei"',
        'macrons-bad.md:4: found "whanau": write "whānau"',
    ],
    "nz-spelling-bad.md": [
        'nz-spelling-bad.md:2: found "organization": write "organisation"',
        'nz-spelling-bad.md:6: found "behavior": write "behaviour"',
        'nz-spelling-bad.md:6: found "center": write "centre"',
        'nz-spelling-bad.md:6: found "organization": write "organisation"',
        'nz-spelling-bad.md:6: found "program": write "programme"',
        'nz-spelling-bad.md:7: found "Colors": write "Colours"',
        'nz-spelling-bad.md:7: found "analyzed": write "analysed"',
        'nz-spelling-bad.md:7: found "traveled": write "travelled"',
        'nz-spelling-bad.md:11: found "color": write "colour"',
    ],
}


@pytest.mark.parametrize("page", sorted(EXPECTED))
def test_each_rule_reports_file_line_and_the_fix(page):
    problems = content_lint.lint([FIXTURES / page], base=FIXTURES)
    assert [str(p) for p in problems] == EXPECTED[page]


@pytest.mark.parametrize("page", ["spelling-good.md", "macrons-good.md", "nz-spelling-good.md"])
def test_correct_prose_quotations_titles_code_and_addresses_pass(page):
    assert content_lint.lint([FIXTURES / page], base=FIXTURES) == []


def test_command_line_exit_status(capsys):
    assert content_lint.main([str(FIXTURES / "macrons-good.md")]) == 0
    assert content_lint.main([str(FIXTURES / "macrons-bad.md")]) == 1
    assert 'found "Maori": write "Māori"' in capsys.readouterr().out


def test_the_guide_content_passes_lint():
    problems = content_lint.lint([REPO / p for p in content_lint.DEFAULT_PATHS])
    assert not problems, "\n".join(map(str, problems))
