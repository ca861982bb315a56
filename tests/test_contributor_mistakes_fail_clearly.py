"""Promise: a contributor's common mistakes fail the build, naming the file, the line
(where Sphinx knows it) and what to do.

Each case builds a small book made of the real configuration and extensions and one
note scaffolded by `tools/new_note.py`, with one mistake put in."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys

import pytest
from conftest import ROOT

COPY = ["conf.py", "_extensions", "_static", "_templates", "tools", "references.bib",
        "glossary.md", "updates.md"]
NOTE = "ensemble/demo.md"


@pytest.fixture(scope="module")
def skeleton(tmp_path_factory):
    book = tmp_path_factory.mktemp("book")
    for name in COPY:
        src = ROOT / name
        (shutil.copytree if src.is_dir() else shutil.copy)(src, book / name)
    (book / "index.md").write_text("# 小书\n\n```{toctree}\nensemble/index\nglossary\nupdates\n```\n",
                                   encoding="utf-8")
    (book / "ensemble").mkdir()
    (book / "ensemble/index.md").write_text("# 集成学习\n\n```{note-cards}\n```\n", encoding="utf-8")
    subprocess.run([sys.executable, "tools/new_note.py", "ensemble", "demo", "演示笔记"],
                   cwd=book, check=True, capture_output=True)
    return book


def build(skeleton, tmp_path, edit=None):
    book = tmp_path / "book"
    shutil.copytree(skeleton, book)
    note = book / NOTE
    if edit:
        note.write_text(edit(note.read_text(encoding="utf-8")), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", "html", ".", "_build/html", "-W", "-n",
         "--keep-going", "-q"], cwd=book, capture_output=True, text=True, timeout=300)
    return result.returncode, result.stdout + result.stderr


def line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def test_scaffolded_note_builds_cleanly(skeleton, tmp_path):
    code, out = build(skeleton, tmp_path)
    assert code == 0, out


CASES = {
    "bad date": (lambda t: t.replace(re.search(r"date: \S+", t).group(0), "date: 2026-13-45"),
                 "date: 2026-13-45", r"is not a date"),
    "missing summary": (lambda t: re.sub(r"summary: .*\n", "", t), None, r"no `summary`"),
    "unknown citation key": (lambda t: t.replace("## 代码", "见 {cite:p}`nobody2099nothing`。\n\n## 代码"),
                             "nobody2099nothing", r"nobody2099nothing"),
    "broken doc link": (lambda t: t.replace("## 代码", "见 {doc}`/ensemble/no-such-note`。\n\n## 代码"),
                        "no-such-note", r"no-such-note"),
    "broken ref": (lambda t: t.replace("## 代码", "见 {ref}`sec-demo-nowhere`。\n\n## 代码"),
                   "sec-demo-nowhere", r"sec-demo-nowhere"),
    "broken eq": (lambda t: t.replace("## 代码", "见 {eq}`eq-demo-nowhere`。\n\n## 代码"),
                  "eq-demo-nowhere", r"eq-demo-nowhere"),
    "failing code cell": (lambda t: t.replace("import numpy as np", "import numpy as np\n"
                                              "raise ValueError('boom')"), "```{code-cell}",
                          r"ValueError|boom"),
    "latex error in formula": (lambda t: t.replace("f(x) = ", "f(x) = \\frac{1}{ "), "$$\nf(x)",
                               r"LaTeX error in formula"),
    "duplicate label": (lambda t: t.replace("## 代码", "(sec-demo)=\n## 代码"), "(sec-demo)=\n## 代码",
                        r"(?i)duplicate label|duplicate explicit target"),
}


@pytest.mark.parametrize("case", CASES)
def test_mistake_fails_with_file_line_and_hint(skeleton, tmp_path, case):
    edit, needle, message = CASES[case]
    code, out = build(skeleton, tmp_path, edit)
    assert code != 0, f"{case} did not fail the build:\n{out}"
    assert re.search(message, out), out
    assert "demo.md" in out, f"the message does not name the file:\n{out}"
    assert "hint:" in out, f"no hint on what to do:\n{out}"
    if needle:
        text = edit((skeleton / NOTE).read_text(encoding="utf-8"))
        line = line_of(text, needle)
        assert re.search(rf"demo\.md:{line}\b", out), f"expected demo.md:{line} in:\n{out}"
