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
 * @param category the applicant's category from the classifier (a code of
 *        {@link ua.gov.nsoz.api.reference.ApplicantCategory}, e.g. {@code 7.1}); a category with statutory benefits
 *        makes the appeal one considered first (Art. 20); {@code null} if none was stated
 */
public record Applicant(ApplicantType type, String fullName, String address, String email, String phone,
        String category) {

    /**
     * An applicant with no category stated.
     *
     * @see Applicant
     */
    public Applicant(ApplicantType type, String fullName, String address, String email, String phone) {
        this(type, fullName, address, email, phone, null);
    }

    /** @param newCategory the category code @return this applicant with that category */
    public Applicant withCategory(String newCategory) {
        return new Applicant(type, fullName, address, email, phone, newCategory);
    }
}
