package ua.gov.nsoz.security.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.security.auth.login.AppConfigurationEntry;
import org.apache.karaf.jaas.boot.ProxyLoginModule;
import org.apache.karaf.jaas.config.JaasRealm;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The realm {@code karaf} with a throttle of failed logins per client address around it
 * ({@link AddressThrottleLoginModule}: a requisite gate first, an optional counter last): Karaf's JAAS configuration uses, of the realms with one name, the
 * one of the highest rank, so this realm, one rank above Karaf's own, answers for {@code karaf} with the gate, then
 * Karaf's modules exactly as Karaf configures them, then the counter (read again on every login, so an edit of
 * {@code etc/org.apache.karaf.jaas.cfg} still applies). Nothing else changes: users, roles, the password service
 * {@code nsoz} and the audit modules stay Karaf's. Without this bundle the realm is Karaf's alone.
 */
@Component(service = JaasRealm.class, immediate = true, property = AddressThrottleRealm.MARK + "=true")
public final class AddressThrottleRealm implements JaasRealm {

    /** The realm it wraps. */
    static final String REALM = "karaf";

    /** A service property that keeps this realm out of its own reference. */
    static final String MARK = "nsoz.address.throttle";

    /** One per framework: the login modules are made per login, by name, and find it here. */
    private static final LoginThrottle SHARED = LoginThrottle.forAddresses(System::currentTimeMillis);

    private final List<JaasRealm> realms;
    private final String bundleId;

    /**
     * @param realms every other JAAS realm; the one named {@code karaf} of the highest rank is wrapped
     * @param context this bundle's context (the proxy module loads the throttle module from this bundle)
     */
    @Activate
    public AddressThrottleRealm(
            @Reference(service = JaasRealm.class, cardinality = ReferenceCardinality.AT_LEAST_ONE,
                    policyOption = ReferencePolicyOption.GREEDY, target = "(!(" + MARK + "=true))")
            List<JaasRealm> realms, BundleContext context) {
        this.realms = List.copyOf(realms);
        this.bundleId = Long.toString(context.getBundle().getBundleId());
    }

    /** @return the throttle the login modules share (its memory outlives a reactivation of this component) */
    static LoginThrottle throttle() {
        return SHARED;
    }

    @Override
    public String getName() {
        return REALM;
    }

    @Override
    public int getRank() {
        return wrapped().map(r -> r.getRank() + 1).orElse(1);
    }

    @Override
    public AppConfigurationEntry[] getEntries() {
        List<AppConfigurationEntry> entries = new ArrayList<>();
        entries.add(throttle(AddressThrottleLoginModule.GATE, AppConfigurationEntry.LoginModuleControlFlag.REQUISITE));
        wrapped().ifPresent(r -> entries.addAll(List.of(r.getEntries())));
        entries.add(throttle(AddressThrottleLoginModule.COUNT, AppConfigurationEntry.LoginModuleControlFlag.OPTIONAL));
        return entries.toArray(new AppConfigurationEntry[0]);
    }

    private AppConfigurationEntry throttle(String stage, AppConfigurationEntry.LoginModuleControlFlag flag) {
        Map<String, Object> options = new HashMap<>();
        options.put(ProxyLoginModule.PROPERTY_MODULE, AddressThrottleLoginModule.class.getName());
        options.put(ProxyLoginModule.PROPERTY_BUNDLE, bundleId);
        options.put(AddressThrottleLoginModule.STAGE, stage);
        return new AppConfigurationEntry(ProxyLoginModule.class.getName(), flag, options);
    }

    private java.util.Optional<JaasRealm> wrapped() {
        return realms.stream().filter(r -> REALM.equals(r.getName())).max(Comparator.comparingInt(JaasRealm::getRank));
    }
}
