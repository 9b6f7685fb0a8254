package ua.gov.nsoz.api.reference;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import ua.gov.nsoz.api.Appeal;

/**
 * Proposes the executive body competent for an appeal (R3), and says why. The order is fixed: first
 * the statutory rule (an appeal addressed to the Cabinet of Ministers or one of its members goes to
 * the Cabinet Secretariat, Reg. 6.2), then the integrators' {@link ua.gov.nsoz.api.spi.CompetenceRule}
 * services by {@code service.ranking}, then the data rules of {@link ReferenceData#rules()}. When none
 * applies the operator chooses. The router proposes; it changes nothing.
 */
public interface CompetenceRouter {

    /**
     * The router's answer.
     *
     * @param body the competent body, or empty when no rule matched and the operator chooses
     * @param reasonUk why, in Ukrainian, for the operator
     * @param reasonEn why, in English
     * @param trace how the answer was reached: the topic and region recognised, then one line per
     *        rule considered and why it matched or not, each line "Ukrainian / English"
     */
    record Route(Optional<Body> body, String reasonUk, String reasonEn, List<String> trace) {

        /** Never-null body, immutable trace. */
        public Route {
            body = Objects.requireNonNullElse(body, Optional.empty());
            trace = trace == null ? List.of() : List.copyOf(trace);
        }
    }

    /**
     * @param appeal the appeal to route
     * @return the proposed body with the reason and the trace
     */
    Route route(Appeal appeal);
}
