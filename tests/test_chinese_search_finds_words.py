"""Promise: searching the book in Chinese finds whole words (jieba + the glossary's
dictionary), not only single characters."""

import json
import re

import pytest
from conftest import ROOT

import book_search_zh

# query -> the note it must find (once that note exists); terms of existing notes
QUERIES = {
    "梯度检查点": "deep-learning/gradient-checkpointing",
    "扩散模型": "generative-models/diffusion-models-from-sde",
    "反向传播": "python/pytorch-autograd",
    "交并比": "detection/iou-giou-diou-ciou",
    "随机森林": "ensemble/random-forest",
    "基尼指数": "ensemble/cart-decision-tree",
    "决策树": "ensemble/cart-decision-tree",
}


@pytest.fixture(scope="module")
def index(html_dir):
    text = (html_dir / "searchindex.js").read_text(encoding="utf-8")
    return json.loads(re.match(r"Search\.setIndex\((.*)\)\s*$", text, re.S).group(1))


def docs_for(index, word):
    hits = set()
    for table in ("terms", "titleterms"):
        found = index[table].get(word, [])
        hits |= {index["docnames"][i] for i in ([found] if isinstance(found, int) else found)}
    return hits


def test_glossary_feeds_the_dictionary():
    words = book_search_zh.search_words(ROOT / "glossary.md")
    for query in QUERIES:
        assert query in words, f"{query} must be a glossary term (it feeds jieba)"


@pytest.mark.parametrize("query", QUERIES)
def test_query_finds_its_note(index, query):
    note = QUERIES[query]
    if not (ROOT / f"{note}.md").exists():
        # The note is not written yet: the word must still be indexed as one word
        # wherever it appears, which the dictionary guarantees (test above).
        assert query in book_search_zh.search_words(ROOT / "glossary.md")
        return
    assert note in docs_for(index, query), f"searching {query} does not find {note}"


def test_chinese_is_indexed_at_all(index):
    chinese = [t for t in index["terms"] if re.search(r"[\u4e00-\u9fff]", t)]
    assert len(chinese) > 100, "no Chinese terms indexed: is jieba installed?"
