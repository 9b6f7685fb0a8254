package ua.gov.nsoz.api.reference;

import java.util.List;

/**
 * The published reference base (R17): contact centers, hotlines, executive bodies and administrative service
 * procedures, searchable without login.
 */
public interface ReferenceBase {

    /** @return every entry: those of the data file (with the center's edits), then one per body */
    List<ReferenceEntry> entries();

    /**
     * Searches the names, descriptions, region and phone, case-insensitively, with the apostrophes (ʼ ’ ' `) taken
     * as one and Ukrainian word endings ignored; every word of the query must be found.
     *
     * @param query the words to find; {@code null} or blank: every entry
     * @param type only entries of this type, or {@code null} for all
     * @param english sort equal matches by the English name rather than the Ukrainian one
     * @return the entries found, the best match first, then by name
     */
    List<ReferenceEntry> search(String query, ReferenceEntryType type, boolean english);
}
