"""Chinese line breaks: a newline between two Chinese characters is no space.

Markdown sources wrap long Chinese paragraphs over several lines; HTML and LaTeX
would render each of those newlines as a space in the middle of a sentence. This
transform removes a newline (and the indentation around it) when the characters on
both sides are CJK characters or full-width punctuation.
"""

from __future__ import annotations

import re

from docutils import nodes
from sphinx.transforms import SphinxTransform

CJK = r"[\u2e80-\u9fff\u3000-\u303f\uff00-\uffef]"
JOIN = re.compile(rf"(?<={CJK})[ \t]*\n[ \t]*(?={CJK})")


class JoinChineseLines(SphinxTransform):
    default_priority = 700

    def apply(self, **kwargs) -> None:
        for text in list(self.document.findall(nodes.Text)):
            if "\n" not in text or isinstance(text.parent, (nodes.literal_block, nodes.math_block,
                                                              nodes.raw, nodes.literal, nodes.math)):
                continue
            joined = JOIN.sub("", text.astext())
            if joined != text.astext():
                text.parent.replace(text, nodes.Text(joined))


def setup(app):
    app.add_transform(JoinChineseLines)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
