package ua.gov.nsoz.api.audit;

import ua.gov.nsoz.api.Page;

/**
 * The node's append-only audit log of personal data. There is no operation to edit or delete an entry; the store
 * refuses UPDATE and DELETE of its table.
 */
public interface AuditLog {

    /**
     * Appends an entry (its {@code seq} is ignored and assigned).
     *
     * @param entry what happened
     */
    void record(AuditEntry entry);

    /**
     * @param query the criteria
     * @return one page, newest first, with the total count
     */
    Page<AuditEntry> search(AuditQuery query);
}
