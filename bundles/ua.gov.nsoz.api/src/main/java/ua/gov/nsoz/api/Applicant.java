package ua.gov.nsoz.api;

/**
 * The author of an appeal. Every field but {@code type} may be absent: an appeal without a name or
 * residence is still registered, and marked anonymous.
 *
 * @param type what kind of person or body the applicant is
 * @param fullName full name of a person, or the name of an organisation
 * @param address place of residence (or seat)
 * @param email e-mail for the reply
 * @param phone phone number for the reply
 */
public record Applicant(ApplicantType type, String fullName, String address, String email, String phone) {
}
