"""Chinese search that finds words: jieba with a dictionary made from the glossary.

Sphinx's `zh` search splits text with jieba; without jieba it indexes no Chinese at
all and says nothing, and without a user dictionary compounds such as 反向传播 are
split into 反向 + 传播, so the query 反向传播 finds nothing. The glossary page is the
one source of truth for the book's terms: every glossary term containing Chinese
becomes a jieba word, written to `_build/jieba/userdict.txt` and passed to Sphinx as
`html_search_options["dict"]`.
"""

from __future__ import annotations

import re
from pathlib import Path

from sphinx.errors import ConfigError

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


def setup(app):
    app.connect("config-inited", configure_search, priority=900)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
