package ua.gov.nsoz.api.spi;

import java.util.Optional;
import ua.gov.nsoz.api.Appeal;

/**
 * Proposes the executive body competent for an appeal (R3). Rules are OSGi services ordered by
 * {@code service.ranking}; the first that answers wins, and its reason is shown to the operator.
 */
public interface CompetenceRule {

    /**
     * A rule's answer.
     *
     * @param bodyCode code of the competent body
     * @param reason why, in words an operator understands
     */
    record Decision(String bodyCode, String reason) {
    }

    /**
     * @param appeal the appeal to route
     * @return the decision, or empty if this rule does not apply
     */
    Optional<Decision> route(Appeal appeal);
}
