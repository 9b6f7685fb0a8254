package ua.gov.nsoz.core.internal;

import java.time.Instant;
import java.util.Locale;
import java.util.regex.Pattern;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;
import ua.gov.nsoz.api.NodeIdentity;
import ua.gov.nsoz.api.NodeRole;

/** This node's identity, from PID {@code ua.gov.nsoz.node}; a change re-registers the service. */
@Component(service = NodeIdentity.class, configurationPid = "ua.gov.nsoz.node",
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = NodeConfig.class)
public class NodeIdentityComponent implements NodeIdentity {

    private static final Pattern CODE = Pattern.compile("[A-Z0-9]{1,8}");
    private static final Pattern NODE_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");

    private final String nodeId;
    private final String code;
    private final String name;
    private final NodeRole role;
    private final String region;
    private final String center;
    private final String version;
    private final Instant startedAt = Instant.now();

    /**
     * @param config the node's configuration
     * @param context the bundle context, for the software version
     */
    @Activate
    public NodeIdentityComponent(NodeConfig config, BundleContext context) {
        this.nodeId = config.nodeId().trim();
        this.code = config.code().trim().toUpperCase(Locale.ROOT);
        if (!NODE_ID.matcher(nodeId).matches()) {
            throw new IllegalArgumentException("ua.gov.nsoz.node: nodeId must be lower-case letters, digits and '-', "
                    + "at most 40, got '" + nodeId + "'");
        }
        if (!CODE.matcher(code).matches()) {
            throw new IllegalArgumentException("ua.gov.nsoz.node: code must be 1-8 letters or digits, got '"
                    + code + "'");
        }
        this.name = config.name();
        this.role = NodeRole.valueOf(config.role().trim().toUpperCase(Locale.ROOT));
        this.region = config.region() == null || config.region().isBlank() ? null : config.region().trim();
        String c = config.center() == null ? "" : config.center().trim();
        this.center = role == NodeRole.CENTRAL || c.isEmpty() ? null : c;
        if (center != null && !NODE_ID.matcher(center).matches()) {
            throw new IllegalArgumentException("ua.gov.nsoz.node: center must be a node id, got '" + center + "'");
        }
        this.version = context.getBundle().getVersion().toString();
    }

    @Override
    public String nodeId() {
        return nodeId;
    }

    @Override
    public String code() {
        return code;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public NodeRole role() {
        return role;
    }

    @Override
    public String region() {
        return region;
    }

    @Override
    public String centerNodeId() {
        return center;
    }

    @Override
    public String softwareVersion() {
        return version;
    }

    @Override
    public Instant startedAt() {
        return startedAt;
    }
}
