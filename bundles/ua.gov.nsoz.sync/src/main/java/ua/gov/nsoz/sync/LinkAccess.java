package ua.gov.nsoz.sync;

import java.util.List;

/**
 * Which regions may use the center's broker (issue 11): each region logs in as its own broker user
 * {@code nsoz-link-<id>} and may consume only its own queue {@code nsoz.to.<id>}. The center's link grants that
 * right to every configured region; an admin takes it away from one region here. Only the center has this service.
 */
public interface LinkAccess {

    /**
     * What revoking one region did.
     *
     * @param region the region's node id
     * @param user its broker user
     * @param disconnected whether connections of that user were open and are now closed
     * @param queue the queue it may no longer consume
     */
    record Revoked(String region, String user, boolean disconnected, String queue) {
    }

    /** @return the regions that may consume their queue at this center now, in order */
    List<String> enrolled();

    /**
     * Takes a region's right to consume its queue away at once and closes its broker connections (its bridge and
     * federation); what waits for it on its queue stays there. Its user can no longer log in once the admin deletes
     * it from the realm (`jaas:user-delete`); the region stays out after a restart once it is removed from the
     * link's {@code regions} (docs/link.md, "Revoking a region").
     *
     * @param region the region's node id
     * @return what was done
     * @throws IllegalArgumentException if the id is not a node id or names the center
     * @throws IllegalStateException if the broker cannot be reached
     */
    Revoked revoke(String region);
}
