package ua.gov.nsoz.api;

import java.util.List;

/**
 * One page of a search result.
 *
 * @param <T> the item type
 * @param items the items on this page
 * @param total how many items match in all
 * @param offset the offset of the first item
 * @param limit the page size asked for
 */
public record Page<T>(List<T> items, long total, int offset, int limit) {

    /** Defensive copy. */
    public Page {
        items = List.copyOf(items);
    }
}
