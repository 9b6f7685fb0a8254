package ua.gov.nsoz.api.knowledge;

import java.util.List;

/**
 * What a supervisor writes: the new text of an article.
 *
 * @param title the title (1 to {@link Article#MAX_TITLE} characters)
 * @param body the text (1 to {@link Article#MAX_BODY} characters)
 * @param topics codes of classifier topics it answers (may be null or empty)
 */
public record ArticleDraft(String title, String body, List<String> topics) {
}
