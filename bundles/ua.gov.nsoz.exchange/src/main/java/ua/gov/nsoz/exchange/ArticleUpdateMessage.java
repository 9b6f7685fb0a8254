package ua.gov.nsoz.exchange;

import java.util.Objects;
import ua.gov.nsoz.api.knowledge.Article;

/**
 * One version of a knowledge article (issue 16, R4, R5), from the center to a region: the region stores it only if it
 * is later than its own version of the article, so the same or an earlier version again changes nothing. A withdrawal
 * is a version too ({@link Article#withdrawn()}). Added within version 1 of the format.
 *
 * @param header the message header
 * @param article the article's version
 */
public record ArticleUpdateMessage(Header header, Article article) implements ExchangeMessage {

    /** Required parts must be present. */
    public ArticleUpdateMessage {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(article, "article");
    }
}
