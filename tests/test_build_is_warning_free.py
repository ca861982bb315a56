"""Promise: the book builds with warnings as errors and zero warnings (HTML and LaTeX)."""

from conftest import BUILD


def test_html_build_logged_no_warning(html_dir):
    log = BUILD / "html-warnings.log"
    assert log.is_file(), "make html writes _build/html-warnings.log"
    assert log.read_text(encoding="utf-8").strip() == ""


def test_latex_build_logged_no_warning():
    log = BUILD / "latex-warnings.log"
    assert log.is_file(), "make pdf writes _build/latex-warnings.log"
    assert log.read_text(encoding="utf-8").strip() == ""


def test_every_note_was_executed(html_dir, notes):
    """A note whose cells did not run has no outputs; every note here has output cells."""
    for note in notes:
        page = (html_dir / f"{note.docname}.html").read_text(encoding="utf-8")
        assert 'class="cell_output' in page, f"{note.docname}: no executed cell output"
