package ua.gov.nsoz.api.reference;

import java.util.List;
import java.util.Optional;

/**
 * The reference data of a node (R17): bodies, classifier topics, applicant categories and the
 * data-driven competence rules. Loaded and checked as a whole; immutable once published.
 */
public interface ReferenceData {

    /** @return the version of the loaded data, from the data files' {@code version} fields */
    String version();

    /** @return every body, in the order of the data file */
    List<Body> bodies();

    /**
     * @param code a body code
     * @return the body with that code, or empty
     */
    Optional<Body> body(String code);

    /** @return every topic, in the order of the data file */
    List<Topic> topics();

    /**
     * @param code a topic code
     * @return the topic with that code, or empty
     */
    Optional<Topic> topic(String code);

    /** @return every applicant category, in the order of the data file */
    List<ApplicantCategory> categories();

    /** @return the data-driven competence rules, in ascending {@link RoutingRule#order()} */
    List<RoutingRule> rules();
}
