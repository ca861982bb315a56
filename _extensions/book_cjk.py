"""Chinese line breaks: a newline between two Chinese characters is no space.

Markdown sources wrap long Chinese paragraphs over several lines; HTML and LaTeX
would render each of those newlines as a space in the middle of a sentence. This
transform removes a newline (and the indentation around it) between two Chinese
characters, and next to full-width punctuation.
"""

from __future__ import annotations

import re

from docutils import nodes
from sphinx.transforms import SphinxTransform

CJK = r"[\u2e80-\u9fff\u3000-\u303f\uff00-\uffef]"
PUNCT = r"[\u3000-\u303f\uff00-\uffef]"  # full-width punctuation: never a space beside it
JOIN = re.compile(rf"(?<={CJK})[ \t]*\n[ \t]*(?={CJK})|(?<={PUNCT})[ \t]*\n[ \t]*|[ \t]*\n[ \t]*(?={PUNCT})")


SKIP = (nodes.literal_block, nodes.math_block, nodes.raw, nodes.literal, nodes.math)


def _neighbour_char(text: nodes.Text, step: int) -> str:
    """The character just before (step=-1) or after (step=1) a text node in its parent."""
    parent = text.parent
    index = parent.index(text) + step
    if 0 <= index < len(parent.children):
        neighbour = parent.children[index].astext()
        return neighbour[-1:] if step < 0 else neighbour[:1]
    return ""


class JoinChineseLines(SphinxTransform):
    default_priority = 700

    def apply(self, **kwargs) -> None:
        # MyST gives each source line its own Text node and the line break one of its
        # own, so the characters on both sides may sit in neighbouring nodes.
        for text in list(self.document.findall(nodes.Text)):
            if "\n" not in text or isinstance(text.parent, SKIP):
                continue
            left, right = _neighbour_char(text, -1), _neighbour_char(text, 1)
            joined = JOIN.sub("", left + text.astext() + right)
            joined = joined[len(left):len(joined) - len(right)]
            if joined != text.astext():
                text.parent.replace(text, nodes.Text(joined))


def setup(app):
    app.add_transform(JoinChineseLines)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
