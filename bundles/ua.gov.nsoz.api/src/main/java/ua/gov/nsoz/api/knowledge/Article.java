package ua.gov.nsoz.api.knowledge;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One article of the knowledge base: what an operator reads to answer an appeal at first contact (R4, R5). Articles
 * are written at the center and copied to every region; the center's version is the truth everywhere.
 *
 * @param code the article's code, unique in the federation ({@link #CODE}), e.g. {@code PENSION-RECALC}
 * @param title its title (Ukrainian first)
 * @param body its text
 * @param topics codes of classifier topics it answers (may be empty)
 * @param version 1 for the first text, +1 per change or withdrawal at the center; a later version wins everywhere
 * @param updatedAt when this version was written at the center
 * @param updatedBy the supervisor who wrote it
 * @param withdrawn whether the article was withdrawn (kept, not found by search, not to be cited any more)
 */
public record Article(String code, String title, String body, List<String> topics, long version, Instant updatedAt,
        String updatedBy, boolean withdrawn) {

    /** What an article code looks like: upper-case Latin letters, digits and dashes, up to 40, starting with a letter. */
    public static final String CODE = "[A-Z][A-Z0-9-]{0,39}";
    /** The longest title. */
    public static final int MAX_TITLE = 300;
    /** The longest body. */
    public static final int MAX_BODY = 20_000;

    /** Required parts are present; the topics are kept as an unmodifiable copy. */
    public Article {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(updatedAt, "updatedAt");
        topics = topics == null ? List.of() : List.copyOf(topics);
        if (version < 1) {
            throw new IllegalArgumentException("version must be at least 1: " + version);
        }
    }
}
