package ua.gov.nsoz.documents;

import java.util.List;

/**
 * What the store accepts.
 *
 * @param maxBytes the largest document
 * @param maxPerAppeal the most documents one appeal (or one answer) may name
 * @param mediaTypes the types accepted, as found in the content
 */
public record DocumentLimits(long maxBytes, int maxPerAppeal, List<String> mediaTypes) {

    /** The list is copied. */
    public DocumentLimits {
        mediaTypes = List.copyOf(mediaTypes);
    }
}
