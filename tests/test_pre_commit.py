"""Promise: the checks before a commit (.pre-commit-config.yaml) pass on the whole book,
offline and without changing a file, and each check catches the mistake it is for,
naming the file and the line.

pre-commit's fixers rewrite files, so everything runs in a copy of the working tree
(tracked files plus new files not ignored by git) made into a repository of its own.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

NOTE = """\
---
file_format: mystnb
kernelspec:
  name: python3
  display_name: Python 3
  language: python
date: 2026-01-11
tags: [demo]
summary: 一句话摘要。
---

(sec-planted)=
# 演示笔记

中文与 English 之间有空格；公式 $a,b$、引用 {cite:p}`key` 和链接 https://example.org 不动。

$$
\\operatorname{rc}(o)=\\bigl|\\{\\text{指向 } o \\text{ 的引用}\\}\\bigr|,\\qquad x
$$ (eq-planted)

```{code-cell} python
---
tags: [hide-input]
---
import numpy as np

x = np.arange(3)  # 年龄, 体重
x
```
"""


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, check=True).stdout


@pytest.fixture(scope="module")
def repo(tmp_path_factory) -> Path:
    """The working tree, copied into a fresh repository with every file staged."""
    copy = tmp_path_factory.mktemp("book") / "repo"
    listed = git(ROOT, "ls-files", "-z", "--cached", "--others", "--exclude-standard")
    for name in filter(None, listed.split("\0")):
        if (ROOT / name).is_file():
            (copy / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, copy / name)
    git(copy, "init", "-q")
    git(copy, "add", "-A")
    (copy / ".venv").symlink_to(sys.prefix)  # the hooks run .venv/bin/…, as in the book
    return copy


def pre_commit(repo: Path, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PRE_COMMIT"))}
    env["PRE_COMMIT_HOME"] = str(repo.parent / "pre-commit-home")
    return subprocess.run([sys.executable, "-m", "pre_commit", "run", "--color=never", *args],
                          cwd=repo, env=env, capture_output=True, text=True, timeout=600)


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


def plant(repo: Path, name: str, text: str) -> Path:
    path = repo / name
    path.write_text(text, encoding="utf-8")
    return path


def test_the_whole_book_passes_unchanged(repo):
    run = pre_commit(repo, "--all-files")
    assert run.returncode == 0, (
        "`pre-commit run --all-files` fails on the book; fix what it reports "
        f"(file:line: message):\n{run.stdout}{run.stderr}")
    changed = git(repo, "diff", "--name-only")
    assert not changed, f"pre-commit's fixers changed these files of the book:\n{changed}"


def test_a_clean_note_passes_and_math_and_code_stay_untouched(repo):
    """Text inside `$$` math and code cells is not prose: AutoCorrect alone would turn the
    formula's `|,` into `|，` (the formula is one from python/garbage-collection.md)."""
    name = "ensemble/planted-clean.md"
    path = plant(repo, name, NOTE)
    run = pre_commit(repo, "--files", name)
    assert run.returncode == 0, f"a correct note fails the checks:\n{run.stdout}{run.stderr}"
    fix = subprocess.run([sys.executable, "tools/check_prose.py", "--fix", name], cwd=repo,
                         capture_output=True, text=True)
    assert fix.returncode == 0 and path.read_text(encoding="utf-8") == NOTE, (
        f"tools/check_prose.py --fix changed a correct note (math or code?):\n{fix.stdout}")


def test_trailing_whitespace_is_removed(repo):
    name = "ensemble/planted-space.md"
    path = plant(repo, name, NOTE.replace("# 演示笔记\n", "# 演示笔记   \n"))
    run = pre_commit(repo, "trailing-whitespace", "--files", name)
    assert run.returncode != 0 and f"Fixing {name}" in run.stdout, (
        f"a line ending in spaces in {name} was not reported:\n{run.stdout}")
    assert path.read_text(encoding="utf-8") == NOTE, f"the trailing spaces in {name} were not removed"


def test_a_missing_final_newline_is_added(repo):
    name = "ensemble/planted-eof.md"
    path = plant(repo, name, NOTE.rstrip("\n"))
    run = pre_commit(repo, "end-of-file-fixer", "--files", name)
    assert run.returncode != 0 and f"Fixing {name}" in run.stdout, (
        f"a file without a final newline ({name}) was not reported:\n{run.stdout}")
    assert path.read_text(encoding="utf-8") == NOTE


CELL_ERROR = NOTE.replace("import numpy as np\n", "import numpy as np\nimport os\n")
PROSE_ERROR = NOTE.replace("中文与 English 之间", "中文与English之间")
DATE_ERROR = NOTE.replace("date: 2026-01-11", "date: 2026-02-30")
# One planted mistake per checking hook: the hook, the file, its text, and what the
# hook must print (the mistake at its file:line, and for prose the fix).
MISTAKES = {
    "ruff-code-cells": ("ensemble/planted-ruff.md", CELL_ERROR,
                        [f"ensemble/planted-ruff.md:{line_of(CELL_ERROR, 'import os')}:8: F401"]),
    "ruff": ("tools/planted_tool.py", '"""A tool."""\n\nimport os\n',
             ["tools/planted_tool.py:3:8: F401"]),
    "cjk-prose": ("ensemble/planted-prose.md", PROSE_ERROR,
                  [f"ensemble/planted-prose.md:{line_of(PROSE_ERROR, '中文与English')}:",
                   "+ 中文与 English 之间"]),
    "front-matter": ("ensemble/planted-date.md", DATE_ERROR,
                     [f"ensemble/planted-date.md:{line_of(DATE_ERROR, 'date: 2026-02-30')}: "
                      "date '2026-02-30' is not a date"]),
}


@pytest.mark.parametrize("hook", MISTAKES)
def test_a_planted_mistake_is_reported_at_its_line(repo, hook):
    name, text, expected = MISTAKES[hook]
    plant(repo, name, text)
    run = pre_commit(repo, hook, "--files", name)
    missing = [line for line in expected if line not in run.stdout]
    assert run.returncode != 0 and not missing, (
        f"the {hook} hook did not report {missing} for {name}:\n{run.stdout}{run.stderr}")
