package ua.gov.nsoz.exchange;

import java.util.Objects;
import ua.gov.nsoz.api.reference.ReferenceEdits;

/**
 * The center's edits of the reference data, all of them as one revision, to a region; the region applies them only
 * if the revision is newer than its own.
 *
 * @param header the message header
 * @param edits the edits (revision at least 1)
 */
public record ReferenceUpdateMessage(Header header, ReferenceEdits edits) implements ExchangeMessage {

    /** Required parts must be present. */
    public ReferenceUpdateMessage {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(edits, "edits");
        Objects.requireNonNull(edits.editedAt(), "edits.editedAt");
        if (edits.revision() < 1) {
            throw new IllegalArgumentException("revision must be at least 1: " + edits.revision());
        }
    }
}
