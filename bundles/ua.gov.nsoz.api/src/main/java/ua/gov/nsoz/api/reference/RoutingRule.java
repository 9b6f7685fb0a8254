package ua.gov.nsoz.api.reference;

/**
 * A data-driven competence rule (R3): which body an appeal goes to, by topic, region and addressee.
 * A {@code null} condition matches anything; a rule matches when all its conditions do. Rules are
 * tried in ascending {@code order}; the first that matches decides.
 *
 * @param id stable id of the rule, shown in the routing trace
 * @param order position among the data rules, lower first; unique
 * @param topicCode a topic code: matches that topic and every sub-topic below it (through the parent
 *        chain); {@code null} for any topic
 * @param region ISO 3166-2:UA code of the appeal's region, e.g. {@code UA-46}; {@code null} for any
 * @param addresseeContains text the appeal's addressee must contain (case-insensitive); {@code null}
 *        for any
 * @param bodyCode code of the competent body
 * @param reasonUk why, in Ukrainian, for the operator
 * @param reasonEn why, in English
 */
public record RoutingRule(String id, int order, String topicCode, String region, String addresseeContains,
        String bodyCode, String reasonUk, String reasonEn) {
}
