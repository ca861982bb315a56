"""Every link between the book's own files, and every #anchor, resolves in the build.

LinkChecker checks the whole HTML build offline (tools/check_links.py with
tools/linkcheckerrc): it starts at every page, opens each file a link points to and
looks up each #anchor among the target page's ids. Links to other sites are not
fetched here; `make linkcheck` checks those where there is a network.
"""

from __future__ import annotations

import csv
import io
import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from conftest import ROOT, html_pages

CHECK_LINKS = ROOT / "tools" / "check_links.py"


@dataclass
class Broken:
    page: str
    line: str
    link: str
    reason: str

    def __str__(self) -> str:
        return f"{self.page}:{self.line} -> {self.link}: {self.reason}"


def check_links(html_dir: Path) -> list[dict[str, str]]:
    """LinkChecker's CSV row for every URL it met (each URL once, under the first page
    that links to it)."""
    run = subprocess.run([sys.executable, str(CHECK_LINKS), str(html_dir), "--verbose"],
                         capture_output=True, text=True, encoding="utf-8", timeout=1800,
                         env={**os.environ, "LANGUAGE": "C"})  # LinkChecker's messages in English
    assert run.returncode in (0, 1) and run.stdout.startswith("urlname,"), \
        f"LinkChecker did not run (exit status {run.returncode}):\n{run.stderr[-3000:]}"
    return list(csv.DictReader(io.StringIO(run.stdout)))


def broken_links(rows: list[dict[str, str]], html_dir: Path) -> list[Broken]:
    inside = html_dir.resolve().as_uri() + "/"
    found = []
    for row in rows:
        page = (row["parentname"] or row["url"]).removeprefix(inside)
        reasons = [row["warningstring"]] if row["warningstring"] else []
        if row["valid"] != "True":
            reasons.insert(0, row["result"])
        if row["url"].startswith("file:") and not row["url"].startswith(inside):
            reasons.append(f"leads out of the HTML build, to {row['url']}")
        if row["url"] == inside + "ml-notes.pdf" and row["valid"] != "True":
            reasons.append("the PDF is copied there by `make pdf` (`make test` runs it)")
        if reasons:
            found.append(Broken(page, row["line"] or "-", row["urlname"], "; ".join(reasons)))
    return found


def test_every_internal_link_and_anchor_resolves(html_dir):
    rows = check_links(html_dir)
    broken = broken_links(rows, html_dir)
    assert not broken, (
        f"{len(broken)} broken link(s) in the HTML build (page:line -> link: reason; each "
        "link is named under the first page found with it, other pages may have it too):\n"
        + "\n".join(map(str, broken)))
    fetched = [r["url"] for r in rows if not r["url"].startswith("file:") and r["result"] != "ignored"]
    assert not fetched, f"LinkChecker opened links outside the build: {fetched[:10]}"
    anchors = [r for r in rows if r["url"].startswith("file:") and "#" in r["url"]]
    assert len(anchors) > 100, (
        f"LinkChecker checked only {len(anchors)} #anchors: is [AnchorCheck] still "
        "enabled in tools/linkcheckerrc?")


def test_checker_reports_planted_broken_links(html_dir):
    """On a copy of the note with the most equation links, the checker reports a planted
    missing page, missing anchors and a link out of the site, and accepts the note's own
    anchors (headings, equations, figures, citations) and a correct link to an anchor."""
    note = max(html_pages(html_dir), key=lambda p: p.read_text(encoding="utf-8").count('href="#equation-'))
    text = note.read_text(encoding="utf-8")
    own_anchors = sorted(set(re.findall(r'href="#([^"]+)"', text)))
    assert any(a.startswith("equation-") for a in own_anchors), f"{note.name} has no equation links"
    real_id = next(a for a in own_anchors if f' id="{a}"' in text)
    folder = note.relative_to(html_dir).parent  # the copies keep the note's depth
    planted = {
        "no-such-page.html": "No such file",
        "#no-such-heading": "Anchor `no-such-heading' (decoded: `no-such-heading') not found",
        "copy.html#equation-no-such-equation": "Anchor `equation-no-such-equation'",
        "../" * (len(folder.parts) + 1) + "outside.html": "leads out of the HTML build",
    }
    links = "".join(f'<a href="{href}">x</a>\n' for href in
                    [*planted, f"copy.html#{real_id}", "https://example.invalid/page"])
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp, "site")
        (site / folder).mkdir(parents=True)
        (Path(tmp) / "outside.html").write_text("<html><body>not the book</body></html>")
        shutil.copy(note, site / folder / "copy.html")
        (site / folder / "note.html").write_text(text.replace("</body>", links + "</body>", 1),
                                                 encoding="utf-8")
        rows = check_links(site)
        broken = {b.link: b for b in broken_links(rows, site)}

    report = "\n".join(map(str, broken.values()))
    page = (folder / "note.html").as_posix()
    first_line = text[:text.index("</body>")].count("\n") + 1  # of the planted links, one a line
    for line, (href, reason) in enumerate(planted.items(), start=first_line):
        assert href in broken and reason in broken[href].reason, \
            f"the planted link {href!r} is not reported as {reason!r}; the checker reported:\n{report}"
        assert (broken[href].page, broken[href].line) == (page, str(line)), \
            f"{href!r} is reported at {broken[href].page}:{broken[href].line}, not {page}:{line}"
    checked = {r["urlname"][1:] for r in rows if r["urlname"].startswith("#")}
    assert set(own_anchors) <= checked, \
        f"in-page anchors of {note.name} that were not checked: {sorted(set(own_anchors) - checked)}"
    wrongly = sorted(href for href in broken if href.startswith("#") and href[1:] in own_anchors)
    assert not wrongly, f"anchors that {note.name} does have are reported missing: {wrongly}"
    assert f"copy.html#{real_id}" not in broken, f"the correct link copy.html#{real_id} is reported"
    external = [r for r in rows if r["urlname"] == "https://example.invalid/page"]
    assert [r["result"] for r in external] == ["ignored"], \
        f"the external link was not just ignored (it must not be fetched): {external}"
