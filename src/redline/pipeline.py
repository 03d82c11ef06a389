"""Glue between stages: analyse stored articles and store what was found."""

from __future__ import annotations

from redline.errors import NotFoundError
from redline.store import Store
from redline.store.evidence import replace_analysis
from redline.store.models import ArticleRow


def analyze_article(store: Store, article_id: str) -> tuple[int, int]:
    """Extract events and quotes from a stored article and store them; returns their counts."""
    from redline.extract import analyze

    with store.read() as session:
        article = session.get(ArticleRow, article_id)
        if article is None:
            raise NotFoundError(f"no article {article_id!r} in {store.url}")
        text, published = article.text, article.published
    return replace_analysis(store, article_id, analyze(text, published=published))
