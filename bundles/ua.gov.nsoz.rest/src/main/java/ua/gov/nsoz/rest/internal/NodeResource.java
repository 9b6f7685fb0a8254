package ua.gov.nsoz.rest.internal;

import ua.gov.nsoz.api.access.Operation;
import java.time.Duration;
import java.time.Instant;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import ua.gov.nsoz.api.AppealService;
import ua.gov.nsoz.api.NodeIdentity;
import ua.gov.nsoz.rest.RestResource;
import ua.gov.nsoz.rest.internal.Dto.NodeJson;

/**
 * {@code /api/v1/node}: who this node is. It is also the readiness probe the launcher and the tests
 * wait on, so it answers only once the appeal service (and so the store) is up.
 */
@Component(service = RestResource.class)
@Path("/node")
@Produces(MediaType.APPLICATION_JSON)
public class NodeResource implements RestResource {

    private final NodeIdentity node;

    /**
     * @param node this node
     * @param appeals the appeal service: required so that the node is ready when this answers
     */
    @Activate
    public NodeResource(@Reference NodeIdentity node, @Reference AppealService appeals) {
        this.node = node;
    }

    /** @return the node's identity, version and uptime */
    @GET
    @Allowed(Operation.PUBLIC)
    public NodeJson info() {
        return new NodeJson(node.nodeId(), node.code(), node.name(), node.role().name(), node.region(),
                node.softwareVersion(), node.startedAt(),
                Duration.between(node.startedAt(), Instant.now()).getSeconds());
    }
}
