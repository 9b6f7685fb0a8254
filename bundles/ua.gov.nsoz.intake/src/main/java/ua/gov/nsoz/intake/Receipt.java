package ua.gov.nsoz.intake;

import ua.gov.nsoz.api.Appeal;

/**
 * A registered public submission.
 *
 * @param appeal the registered appeal
 * @param accessCode the code with which the citizen follows it (with the registration number)
 * @param repeated true if this answers a resend of an earlier submission (same idempotency key)
 */
public record Receipt(Appeal appeal, String accessCode, boolean repeated) {
}
