"""The GitHub, Read the Docs and pre-commit files are valid and complete.

GitHub only reports a broken workflow or issue form after it is merged, so
these tests catch mistakes in the pull request that makes them.
"""

import re
from pathlib import Path

import pytest
import yaml
from conftest import REPO

from _ext import page_links

WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.yml"))
FORMS = sorted(
    p for p in (REPO / ".github" / "ISSUE_TEMPLATE").glob("*.yml") if p.name != "config.yml"
)


def load(path: Path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


# The only jobs that may write to the repository's contents, and why: a
# release is created and its files attached.
CONTENTS_WRITERS = {("release.yml", "release")}


def test_the_expected_workflows_exist():
    assert {p.name for p in WORKFLOWS} == {"test.yml", "linkcheck.yml", "deploy.yml", "release.yml"}


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_workflow_is_valid_and_least_privilege(path):
    workflow = load(path)
    assert workflow["name"]
    # YAML 1.1 reads the key "on" as True.
    assert workflow.get("on", workflow.get(True)), f"{path.name}: no triggers"
    assert "permissions" in workflow, f"{path.name}: set top-level permissions"
    assert workflow["permissions"].get("contents") == "read"
    for name, job in workflow["jobs"].items():
        assert job["runs-on"], f"{path.name}: job {name} has no runs-on"
        assert job["steps"], f"{path.name}: job {name} has no steps"
        for step in job["steps"]:
            assert "uses" in step or "run" in step, f"{path.name}: a step of {name} does nothing"
        granted = {**workflow["permissions"], **job.get("permissions", {})}
        if (path.name, name) not in CONTENTS_WRITERS:
            assert granted.get("contents") != "write", f"{path.name}: job {name} writes contents"


def test_pull_requests_are_built_and_tested_like_ci():
    workflow = load(REPO / ".github" / "workflows" / "test.yml")
    assert "pull_request" in workflow[True]
    assert any(step.get("run") == "bash .ci/run" for step in workflow["jobs"]["test"]["steps"])


def test_link_check_is_weekly_and_files_one_issue():
    workflow = load(REPO / ".github" / "workflows" / "linkcheck.yml")
    assert workflow[True]["schedule"][0]["cron"]
    assert workflow["permissions"]["issues"] == "write"
    script = " ".join(step.get("run", "") for step in workflow["jobs"]["linkcheck"]["steps"])
    assert "make linkcheck" in script and "gh issue edit" in script and "gh issue create" in script


def test_deploy_publishes_html_pdf_and_epub_to_pages():
    workflow = load(REPO / ".github" / "workflows" / "deploy.yml")
    build_steps = workflow["jobs"]["build"]["steps"]
    # The site links to the PDF and the EPUB: both must be built into it.
    assert any(step.get("run") == "make html pdf epub" for step in build_steps)
    assert workflow["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}


def test_a_version_tag_publishes_a_release_with_the_site_and_books():
    workflow = load(REPO / ".github" / "workflows" / "release.yml")
    assert workflow[True] == {"push": {"tags": ["v*"]}}
    job = workflow["jobs"]["release"]
    assert job["permissions"] == {"contents": "write"}
    runs = [step.get("run", "") for step in job["steps"]]
    script = "\n".join(runs)
    # The tag, conf.py, CITATION.cff and the changelog agree before anything
    # is built, and the changelog's section becomes the notes.
    check = next(i for i, run in enumerate(runs) if "tools.release_notes" in run)
    build = runs.index("make html pdf epub")
    assert check < build
    assert '"$GITHUB_REF_NAME" > "$RUNNER_TEMP/notes.md"' in runs[check]
    # Everything a reader downloads: the site, the PDF, the EPUB and any
    # Word templates.
    for files in ("_downloads/*.pdf", "_downloads/*.epub", "_downloads/*.docx", "zip -qr"):
        assert files in script, files
    assert "shopt -s nullglob" in script  # no Word templates yet is not an error
    release = runs[-1]
    assert release.startswith('gh release create "$GITHUB_REF_NAME" dist/*')
    assert '--notes-file "$RUNNER_TEMP/notes.md"' in release and "--verify-tag" in release
    assert job["steps"][-1]["env"]["GH_TOKEN"] == "${{ github.token }}"


@pytest.mark.parametrize("name", ["deploy.yml", "release.yml"])
def test_workflows_that_build_the_pdf_install_what_make_pdf_needs(name):
    """make pdf is WeasyPrint's: the packages are the Makefile's, and no TeX."""
    workflow = load(REPO / ".github" / "workflows" / name)
    runs = [step.get("run", "") for job in workflow["jobs"].values() for step in job["steps"]]
    install = next(i for i, run in enumerate(runs) if "$(make -s pdf-packages)" in run)
    assert install < runs.index("make html pdf epub")
    assert not any("texlive" in run or "latexmk" in run for run in runs)


def test_release_actions_are_pinned_to_full_versions():
    workflow = load(REPO / ".github" / "workflows" / "release.yml")
    for step in workflow["jobs"]["release"]["steps"]:
        if "uses" in step:
            assert re.fullmatch(r"[\w.-]+/[\w.-]+@v\d+\.\d+\.\d+", step["uses"]), step["uses"]


def test_the_expected_issue_forms_exist():
    assert {p.name for p in FORMS} == {
        "suggest-case-study.yml",
        "report-a-problem.yml",
        "broken-link.yml",
        "new-topic.yml",
    }
    assert load(REPO / ".github" / "ISSUE_TEMPLATE" / "config.yml")["blank_issues_enabled"] is False


@pytest.mark.parametrize("path", FORMS, ids=lambda p: p.name)
def test_issue_form_is_valid(path):
    form = load(path)
    assert form["name"] and form["description"]
    ids = []
    for element in form["body"]:
        assert element["type"] in {"markdown", "input", "textarea", "dropdown", "checkboxes"}
        if element["type"] == "markdown":
            assert element["attributes"]["value"]
            continue
        ids.append(element["id"])
        assert element["attributes"]["label"]
        if element["type"] in {"dropdown", "checkboxes"}:
            assert element["attributes"]["options"]
    assert len(ids) == len(set(ids)), f"{path.name}: duplicate field ids"


def test_report_a_problem_link_prefills_the_form():
    form = load(REPO / ".github" / "ISSUE_TEMPLATE" / page_links.REPORT_FORM)
    assert "page" in [element.get("id") for element in form["body"]]


def test_pull_request_template_asks_for_the_essentials():
    text = (REPO / ".github" / "pull_request_template.md").read_text(encoding="utf-8")
    for essential in ("references.bib", "make html", "alt text", "last_reviewed"):
        assert essential in text


def test_read_the_docs_builds_html_pdf_and_epub_previews():
    config = load(REPO / ".readthedocs.yaml")
    assert config["version"] == 2
    assert config["sphinx"]["configuration"] == "conf.py"
    assert "epub" in config["formats"]
    # The PDF is make pdf's tagged book, not Read the Docs' LaTeX one.
    assert "pdf" not in config.get("formats", [])
    post_build = " ".join(config["build"]["jobs"]["post_build"])
    assert "-b pdf" in post_build and "$READTHEDOCS_OUTPUT/pdf/" in post_build


def test_pre_commit_runs_the_content_lint():
    config = load(REPO / ".pre-commit-config.yaml")
    hooks = {hook["id"] for repo in config["repos"] for hook in repo["hooks"]}
    assert {"content-lint", "check-redirects", "check-yaml"} <= hooks
    for repo in config["repos"]:
        if repo["repo"] != "local":
            assert repo["rev"].startswith("v"), "pin each hook repository to a release"
