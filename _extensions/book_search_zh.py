"""Chinese search that finds words: jieba with a dictionary made from the glossary.

Sphinx's `zh` search splits text with jieba; without jieba it indexes no Chinese at
all and says nothing, and without a user dictionary compounds such as 反向传播 are
split into 反向 + 传播, so the query 反向传播 finds nothing. The glossary page is the
one source of truth for the book's terms: every glossary term containing Chinese
becomes a jieba word, written to `_build/jieba/userdict.txt` and passed to Sphinx as
`html_search_options["dict"]`.

jieba takes about a second to load its model. Sphinx's `zh` language loads it when
the builder starts, even in a rebuild that indexes no page; `LazyChinese` loads it at
the first page it indexes instead.

Sphinx 8.2 drops the index entries (here: the glossary terms) from `searchindex.js` in
any rebuild that does not write the page they come from (sphinx-doc/sphinx#12599): it
saves them with the environment before writing, so they are never saved. They are
kept in `<doctrees>/search-index-entries.pickle` after each build and restored before
the next one writes.
"""

from __future__ import annotations

import pickle
import re
from pathlib import Path

from sphinx.errors import ConfigError
from sphinx.search.zh import SearchChinese

CJK = re.compile(r"[\u3400-\u9fff]")
GLOSSARY_BLOCK = re.compile(r"^(`{3,}|:{3,})\{glossary\}[^\n]*\n(.*?)^\1\s*$", re.S | re.M)
# Frequency high enough that jieba keeps each term whole; cut_for_search still
# indexes its parts (反向, 传播) as well.
WORD_FREQUENCY = 200000


def glossary_terms(glossary: Path) -> list[str]:
    """The term lines of the glossary directive (unindented, not options)."""
    match = GLOSSARY_BLOCK.search(glossary.read_text(encoding="utf-8"))
    if not match:
        return []
    terms = []
    for line in match.group(2).splitlines():
        if line and not line[0].isspace() and not line.startswith(":"):
            terms.append(line.strip())
    return terms


def search_words(glossary: Path) -> list[str]:
    """Dictionary words: the Chinese glossary terms, each once, in order."""
    words: list[str] = []
    for term in glossary_terms(glossary):
        for word in re.split(r"[\s（）()、/，,]+", term):
            if CJK.search(word) and word not in words:
                words.append(word)
    return words


def write_user_dict(glossary: Path, target: Path) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    text = "".join(f"{w} {WORD_FREQUENCY} n\n" for w in search_words(glossary))
    if not target.exists() or target.read_text(encoding="utf-8") != text:
        target.write_text(text, encoding="utf-8")
    return target


def configure_search(app, config) -> None:
    if not config.language.startswith("zh"):
        return
    try:
        import jieba  # noqa: F401
    except ImportError as err:
        raise ConfigError(
            "jieba is not installed: Sphinx would silently index no Chinese at all. "
            "Install the pinned requirements (`make html` does it)."
        ) from err
    root = Path(app.confdir)
    target = write_user_dict(root / "glossary.md", root / "_build" / "jieba" / "userdict.txt")
    config.html_search_options = {**config.html_search_options, "dict": str(target)}


class LazyChinese(SearchChinese):
    def init(self, options: dict[str, str]) -> None:
        self._options = options
        self._loaded = False

    def _load(self) -> None:
        if not self._loaded:
            super().init(self._options)
            self._loaded = True

    def split(self, input: str) -> list[str]:
        self._load()
        return super().split(input)

    def stem(self, word: str) -> str:
        self._load()
        return super().stem(word)


def _entries_file(app) -> Path:
    return Path(app.doctreedir) / "search-index-entries.pickle"


def restore_index_entries(app, env, docnames) -> None:
    saved = _entries_file(app)
    if app.builder.format == "html" and saved.is_file():
        kept = pickle.loads(saved.read_bytes())
        for docname, entries in kept.items():
            if docname in env.all_docs:
                env._search_index_index_entries.setdefault(docname, entries)


def save_index_entries(app, exception) -> None:
    if exception is None and app.builder.format == "html":
        _entries_file(app).write_bytes(pickle.dumps(app.env._search_index_index_entries))


def setup(app):
    app.add_search_language(LazyChinese)
    app.connect("env-before-read-docs", restore_index_entries)
    app.connect("build-finished", save_index_entries)
    app.connect("config-inited", configure_search, priority=900)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
