package ua.gov.nsoz.core.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import ua.gov.nsoz.api.Appeal;
import ua.gov.nsoz.api.Classification;
import ua.gov.nsoz.api.Processing;
import ua.gov.nsoz.store.AppealStore;

/**
 * Finds at registration whether an appeal repeats or duplicates an earlier one of the same applicant, or is one of
 * a mass of appeals with the same text (the classifier's primary / repeated / duplicate / mass); the operator sees
 * it and may change it ({@code CLASSIFY}).
 */
final class Relations {

    /** Texts at least this similar (shared words over all words) are taken for the same issue. */
    static final double SIMILAR = 0.5;
    /** The same text from this many applicants or more is a mass appeal. */
    static final int MASS_APPLICANTS = 5;
    /** Within this time. */
    static final Duration MASS_WINDOW = Duration.ofDays(30);
    /** How many of the applicant's earlier appeals are compared. */
    static final int LOOK_BACK = 50;

    private Relations() {
    }

    /**
     * @param store where the other appeals are
     * @param a the appeal being registered
     * @param now when
     * @return its processing state with the classification and the related appeal's number
     */
    static Processing classify(AppealStore store, Appeal a, Instant now) {
        Set<String> words = words(a.text());
        for (Appeal earlier : store.sameApplicant(a, LOOK_BACK)) {
            if (earlier.status() == ua.gov.nsoz.api.AppealStatus.NOT_CONSIDERED) {
                // Never decided on its merits: a new appeal on the issue is not a repeated one (Art. 8).
                continue;
            }
            if (similarity(words, words(earlier.text())) >= SIMILAR) {
                // Still under consideration: sent again (duplicate); answered or closed: repeated (Art. 8).
                Classification c = earlier.status().isOpen() ? Classification.DUPLICATE : Classification.REPEATED;
                return Processing.NONE.toBuilder().classification(c).relatedTo(earlier.registrationNumber()).build();
            }
        }
        if (store.sameTextFromAtLeast(a, now.minus(MASS_WINDOW), MASS_APPLICANTS - 1)) {
            return Processing.NONE.toBuilder().classification(Classification.MASS).build();
        }
        return Processing.NONE;
    }

    /** Words of three letters or more, lower case. */
    static Set<String> words(String text) {
        Set<String> out = new HashSet<>();
        // An apostrophe belongs to the word (п'ять), as in Ukrainian spelling.
        for (String w : text.toLowerCase(Locale.ROOT).replaceAll("['’ʼ]", "").split("[^\\p{L}\\p{Nd}]+")) {
            if (w.length() >= 3) {
                out.add(w);
            }
        }
        return out;
    }

    /** Jaccard similarity of two word sets; texts without words of three letters tell nothing: 0. */
    static double similarity(Set<String> x, Set<String> y) {
        if (x.isEmpty() || y.isEmpty()) {
            return 0;
        }
        Set<String> union = new HashSet<>(x);
        union.addAll(y);
        Set<String> common = new HashSet<>(x);
        common.retainAll(y);
        return (double) common.size() / union.size();
    }
}
