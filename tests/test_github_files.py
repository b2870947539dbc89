"""The GitHub, Read the Docs and pre-commit files are valid and complete.

GitHub only reports a broken workflow or issue form after it is merged, so
these tests catch mistakes in the pull request that makes them.
"""

from pathlib import Path

import pytest
import yaml

from conftest import REPO
from _ext import page_links

WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.yml"))
FORMS = sorted(p for p in (REPO / ".github" / "ISSUE_TEMPLATE").glob("*.yml")
               if p.name != "config.yml")


def load(path: Path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def test_the_expected_workflows_exist():
    assert {p.name for p in WORKFLOWS} == {"test.yml", "linkcheck.yml", "deploy.yml"}


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
        assert not any(level == "write" and scope == "contents" for scope, level in granted.items())


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


def test_deploy_publishes_html_and_pdf_to_pages():
    workflow = load(REPO / ".github" / "workflows" / "deploy.yml")
    build_steps = workflow["jobs"]["build"]["steps"]
    assert any(step.get("run") == "make html pdf" for step in build_steps)
    assert workflow["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}


def test_the_expected_issue_forms_exist():
    assert {p.name for p in FORMS} == {
        "suggest-case-study.yml", "report-a-problem.yml", "broken-link.yml", "new-topic.yml",
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


def test_read_the_docs_builds_html_and_pdf_previews():
    config = load(REPO / ".readthedocs.yaml")
    assert config["version"] == 2
    assert config["sphinx"]["configuration"] == "conf.py"
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
