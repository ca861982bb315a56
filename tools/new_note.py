"""Scaffold a note: `make new PART=ensemble SLUG=random-forest TITLE=随机森林`.

Writes `<part>/<slug>.md` from `_templates/note.md` with valid front matter (today's
date) and appends the slug to the part's `note-cards` block, so the book builds at
once with the new note in its table of contents.
"""

import argparse
import datetime as dt
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "_extensions"))
from book_notes import NOTE_CARDS, PARTS, parse_note  # noqa: E402

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("part", choices=PARTS)
    parser.add_argument("slug", help="English kebab-case, e.g. random-forest")
    parser.add_argument("title", help="the Chinese title")
    args = parser.parse_args(argv)
    if not SLUG.match(args.slug):
        parser.error(f"slug {args.slug!r} is not kebab-case (lowercase ASCII words joined by -)")
    path = ROOT / args.part / f"{args.slug}.md"
    if path.exists():
        parser.error(f"{path.relative_to(ROOT)} exists already")
    template = (ROOT / "_templates" / "note.md").read_text(encoding="utf-8")
    path.write_text(template.format(
        date=dt.date.today().isoformat(), tags=args.part, slug=args.slug, title=args.title,
        summary=f"{args.title}：一句话说明本文推导或实现了什么。",
    ), encoding="utf-8")
    parse_note(path, ROOT)  # the scaffold must itself be valid

    index = ROOT / args.part / "index.md"
    text = index.read_text(encoding="utf-8")
    match = NOTE_CARDS.search(text)
    if match is None:
        text = text.rstrip("\n") + "\n\n```{note-cards}\n```\n"
        match = NOTE_CARDS.search(text)
    body = match.group(1) + f"{args.slug}\n"
    index.write_text(text[:match.start(1)] + body + text[match.end(1):], encoding="utf-8")
    print(f"created {path.relative_to(ROOT)} and listed it in {index.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
