"""make check-redirects: a page gone since BASE needs a redirect in conf.py."""

import subprocess

import pytest

from tools.check_redirects import main, target_docname


def git(repo, *args):
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


def write_conf(repo, redirects):
    (repo / "conf.py").write_text(f"redirects = {redirects!r}\n", encoding="utf-8")


@pytest.fixture
def repo(tmp_path):
    """A tiny guide in a fresh git repository, committed and tagged 'base'."""
    (tmp_path / "guidance").mkdir()
    (tmp_path / "case-studies").mkdir()
    (tmp_path / "index.md").write_text("# Start\n", encoding="utf-8")
    (tmp_path / "guidance" / "old-name.md").write_text("# Old\n", encoding="utf-8")
    (tmp_path / "case-studies" / "example.md").write_text("# Case\n", encoding="utf-8")
    write_conf(tmp_path, {})
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "add", ".")
    git(
        tmp_path,
        "-c",
        "user.name=Test",
        "-c",
        "user.email=test@example.invalid",
        "commit",
        "-q",
        "-m",
        "base",
    )
    git(tmp_path, "tag", "base")
    return tmp_path


def run(repo, capsys):
    code = main(["--base", "base", "--repo", str(repo)])
    return code, capsys.readouterr().out


def test_unchanged_pages_pass(repo, capsys):
    code, out = run(repo, capsys)
    assert code == 0, out


def test_removed_page_without_redirect_fails(repo, capsys):
    (repo / "guidance" / "old-name.md").unlink()
    code, out = run(repo, capsys)
    assert code == 1
    assert "guidance/old-name.md existed at base but is gone" in out
    assert '"guidance/old-name": "/<new page>.html"' in out


def test_renamed_page_with_redirect_passes(repo, capsys):
    (repo / "guidance" / "old-name.md").rename(repo / "guidance" / "new-name.md")
    write_conf(repo, {"guidance/old-name": "/guidance/new-name.html"})
    code, out = run(repo, capsys)
    assert code == 0, out


def test_redirect_to_missing_page_fails(repo, capsys):
    (repo / "guidance" / "old-name.md").unlink()
    write_conf(repo, {"guidance/old-name": "/guidance/nowhere.html"})
    code, out = run(repo, capsys)
    assert code == 1
    assert "points at '/guidance/nowhere.html', which is not a page" in out


def test_unknown_base_ref_names_the_ref(repo):
    with pytest.raises(SystemExit) as exit_info:
        main(["--base", "no-such-ref", "--repo", str(repo)])
    assert "git does not know 'no-such-ref'" in str(exit_info.value)


@pytest.mark.parametrize(
    ("source", "target", "expected"),
    [
        ("guidance/a", "/guidance/b.html", "guidance/b"),
        ("guidance/a", "b.html#part", "guidance/b"),
        ("guidance/a", "../case-studies/c.html", "case-studies/c"),
        ("guidance/a", "https://example.org/x", None),
    ],
)
def test_target_docname(source, target, expected):
    assert target_docname(source, target) == expected
