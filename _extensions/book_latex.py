"""The PDF: xelatex + xeCJK, A4, Noto CJK fonts, Chinese chapter names, no index.

Sphinx's LaTeX defaults for `zh_CN` give letter paper, an English "CHAPTER N"
banner, "Bibliography", Fandol fonts and an index; this module replaces them.
`\\tracinglostchars=3` turns a character missing from every font into a LaTeX
error, so a glyph cannot silently vanish from the PDF.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.builders.latex.nodes import thebibliography
from sphinx.transforms.post_transforms import SphinxPostTransform

BIBLIOGRAPHY_TITLE = "参考文献"

FONTS = r"""
% Noto CJK .ttc collections: face 2 is Simplified Chinese (SC).
\setCJKmainfont{NotoSerifCJK-Regular.ttc}[FontIndex=2, BoldFont=NotoSerifCJK-Bold.ttc,
  BoldFeatures={FontIndex=2}]
\setCJKsansfont{NotoSansCJK-Regular.ttc}[FontIndex=2, BoldFont=NotoSansCJK-Bold.ttc,
  BoldFeatures={FontIndex=2}]
\setCJKmonofont{NotoSansCJK-Regular.ttc}[FontIndex=2]
\tracinglostchars=3
"""

PREAMBLE = r"""
\usepackage{titlesec}
\titleformat{\chapter}[display]{\normalfont\bfseries\filright}%
  {\LARGE 第\,\thechapter\,章}{1ex}{\Huge}
\titlespacing*{\chapter}{0pt}{0pt}{3ex}
\renewcommand{\contentsname}{目\quad 录}
\renewcommand{\bibname}{参考文献}
\renewcommand{\figurename}{图}
\renewcommand{\tablename}{表}
% Parts are 第一部分 … 第五部分; notes are chapters numbered within their part, so
% 第 2 章 / 图 2.3 / 式 (2.3) match the numbers of the HTML pages.
\newcommand{\zhnumber}[1]{\ifcase#1\or 一\or 二\or 三\or 四\or 五\or 六\or 七\or 八\or 九\or 十\fi}
\renewcommand{\thepart}{\zhnumber{\value{part}}}
\titleformat{\part}[display]{\centering\normalfont\bfseries}{\LARGE 第\thepart 部分}{2ex}{\Huge}
\counterwithin*{chapter}{part}
% Sphinx sets its figure/equation numbering at \begin{document}; ours comes after it.
\AtBeginDocument{\counterwithin{figure}{chapter}\counterwithin{table}{chapter}%
  \counterwithin{equation}{chapter}}
\xeCJKsetup{CJKecglue=\hskip 0.25em plus 0.08\baselineskip}
\setlength{\emergencystretch}{3em}
\setlength{\headheight}{14pt}
"""


def configure_latex(app, config) -> None:
    elements = {
        "papersize": "a4paper",
        "pointsize": "10pt",
        "extraclassoptions": "openany,oneside",
        "fncychap": "",
        "babel": "",
        "polyglossia": "",
        "fontenc": r"\usepackage{xeCJK}",
        "preamble": PREAMBLE,
        "makeindex": "",
        "printindex": "",
        "figure_align": "htbp",
        "sphinxsetup": "verbatimwrapslines=true, verbatimforcewraps=true, "
                       "verbatimhintsturnover=false, TitleColor={rgb}{0,0,0}",
    }
    # Keep Sphinx's FreeSerif/FreeSans/FreeMono for Latin text, add the CJK fonts.
    from sphinx.builders.latex.constants import XELATEX_DEFAULT_FONTPKG

    elements["fontpkg"] = XELATEX_DEFAULT_FONTPKG + FONTS
    config.latex_elements = {**elements, **config.latex_elements}


class OneBibliography(SphinxPostTransform):
    """In the PDF, all citations are gathered at the end of the book (Sphinx does
    that). Each note's own 参考文献 section is then empty: drop it. A work cited by
    several notes would be listed once per note: keep one entry, and leave an anchor
    for each dropped one so that every citation still links to the entry."""

    default_priority = 760  # after Sphinx's BibliographyTransform (750)
    formats = ("latex",)

    def run(self, **kwargs) -> None:
        for section in list(self.document.findall(nodes.section)):
            title = section.next_node(nodes.title)
            rest = [c for c in section.children if not isinstance(c, nodes.title)]
            if title is not None and title.astext() == BIBLIOGRAPHY_TITLE and \
                    not "".join(c.astext() for c in rest).strip():
                section.parent.remove(section)
        for bibliography in self.document.findall(thebibliography):
            kept: dict[str, nodes.citation] = {}
            for citation in list(bibliography.children):
                text = citation.astext()
                if text not in kept:
                    kept[text] = citation
                    continue
                bibliography.remove(citation)
                anchor = f"cite.{citation['docname']}:{citation['ids'][0]}"
                kept[text] += nodes.raw("", f"\\hypertarget{{{anchor}}}{{}}", format="latex")


def setup(app):
    app.connect("config-inited", configure_latex)
    app.add_post_transform(OneBibliography)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
