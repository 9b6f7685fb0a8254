package ua.gov.nsoz.api.knowledge;

/**
 * One article a search found.
 *
 * @param article the article
 * @param snippet a part of its text with the words matched marked as {@code <mark>…</mark>}; everything else in it is
 *     HTML-escaped, so a page may show it as HTML
 * @param score Lucene's score (higher is better; comparable within one search only)
 */
public record ArticleHit(Article article, String snippet, float score) {
}
