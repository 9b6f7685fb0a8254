package ua.gov.nsoz.api.reference;

/**
 * A category of applicants from the classifier of appeals (CMU resolution No. 858), e.g. combatants or
 * persons affected by the Chornobyl disaster.
 *
 * @param code the category's code
 * @param nameUk the name in Ukrainian
 * @param nameEn the name in English
 * @param priority whether appeals of this category are considered with priority (Law "On citizens'
 *        appeals", Art. 15, 22, and the laws on the status of the category)
 */
public record ApplicantCategory(String code, String nameUk, String nameEn, boolean priority) {
}
