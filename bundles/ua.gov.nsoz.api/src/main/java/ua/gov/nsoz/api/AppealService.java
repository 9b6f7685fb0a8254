package ua.gov.nsoz.api;

import java.util.Optional;

/** Registration and lookup of appeals at this node. */
public interface AppealService {

    /**
     * Validates and registers an appeal. An appeal with legal defects (anonymous, unsigned, no
     * contact) is still registered and carries its marks; only a request that cannot be understood
     * at all (no kind, no channel, no text, malformed values) is refused.
     *
     * @param appeal the appeal as taken
     * @param actor who registers it (user name or component)
     * @return the registered appeal
     * @throws ValidationException naming every field that is wrong
     */
    Appeal register(NewAppeal appeal, String actor);

    /**
     * @param id the appeal id
     * @return the appeal, if this node has it
     */
    Optional<Appeal> get(String id);

    /**
     * @param registrationNumber a registration number such as {@code LV-2026-000001}
     * @return the appeal, if this node has it
     */
    Optional<Appeal> findByRegistrationNumber(String registrationNumber);

    /**
     * @param query filters and paging
     * @return the matching page and total count
     * @throws ValidationException if the paging is out of range
     */
    Page<Appeal> search(AppealQuery query);
}
