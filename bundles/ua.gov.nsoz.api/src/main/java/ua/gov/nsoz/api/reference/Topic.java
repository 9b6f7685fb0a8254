package ua.gov.nsoz.api.reference;

/**
 * An entry of the topic list of the classifier of citizens' appeals (CMU resolution No. 858 of
 * 24.09.2008, as amended): a heading or a sub-topic of one.
 *
 * @param code the topic's code, e.g. {@code 006}
 * @param nameUk the name in Ukrainian, as the classifier words it
 * @param nameEn the name in English
 * @param parentCode code of the heading this is a sub-topic of; {@code null} for a heading
 */
public record Topic(String code, String nameUk, String nameEn, String parentCode) {
}
