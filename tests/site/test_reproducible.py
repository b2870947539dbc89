"""Two clean builds of one commit give byte-identical HTML.

Reproducible output lets anyone check that the published site is the one the
repository builds, and keeps deploy diffs down to real changes.  The builds
differ in everything that must not matter: output folder, doctree folder and
Python's hash seed (set and dict-of-set ordering).
"""

import filecmp

import pytest
from conftest import REPO, sphinx_build


def build(root, hash_seed):
    out, doctrees = root / "html", root / "doctrees"
    sphinx_build(REPO, out, "-b", "html", "-d", str(doctrees), env={"PYTHONHASHSEED": hash_seed})
    return out


def differences(left, right, path=""):
    """Files that differ or exist on one side only, relative to the roots."""
    comparison = filecmp.dircmp(left, right, ignore=[])
    found = [
        f"{path}{name} (only in one build)" for name in comparison.left_only + comparison.right_only
    ]
    found += [f"{path}{name}" for name in comparison.funny_files]
    _, mismatch, errors = filecmp.cmpfiles(left, right, comparison.common_files, shallow=False)
    found += [f"{path}{name}" for name in mismatch + errors]
    for name in comparison.common_dirs:
        found += differences(left / name, right / name, f"{path}{name}/")
    return found


@pytest.mark.slow
def test_two_clean_builds_are_byte_identical(tmp_path):
    first = build(tmp_path / "first", hash_seed="1")
    second = build(tmp_path / "second-build", hash_seed="2")

    assert sorted(differences(first, second)) == []


def test_differences_finds_changed_and_missing_files(tmp_path):
    for side, text in (("a", "one"), ("b", "two")):
        (tmp_path / side / "sub").mkdir(parents=True)
        (tmp_path / side / "sub" / "page.html").write_text(text)
        (tmp_path / side / "same.html").write_text("same")
    (tmp_path / "a" / "extra.js").write_text("")

    assert sorted(differences(tmp_path / "a", tmp_path / "b")) == [
        "extra.js (only in one build)",
        "sub/page.html",
    ]
