package ua.gov.nsoz.notify.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.osgi.service.component.ComponentServiceObjects;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ua.gov.nsoz.api.Appeal;
import ua.gov.nsoz.api.AppealEvent;
import ua.gov.nsoz.api.AppealService;
import ua.gov.nsoz.api.Applicant;
import ua.gov.nsoz.api.NodeIdentity;
import ua.gov.nsoz.api.reference.Body;
import ua.gov.nsoz.api.reference.ReferenceData;
import ua.gov.nsoz.api.spi.AppealListener;
import ua.gov.nsoz.api.spi.NotificationChannel;
import ua.gov.nsoz.notify.Notifier;

/**
 * The notifier: on the node that owns an appeal, turns the events an applicant is told of into a message per contact
 * (e-mail through the channel {@code email}, phone through {@code sms}) and sends them on its own threads, retrying
 * with a doubling delay. The log names appeals, events, channels and attempts, never a recipient or a text.
 */
@Component(service = {AppealListener.class, Notifier.class}, configurationPid = Notifier.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = NotifierConfig.class)
public class NotifierComponent implements Notifier {

    /** The service property that names a channel. */
    static final String CHANNEL_PROPERTY = "nsoz.channel";
    /**
     * The service property (from the channel's configuration) that turns a channel off: {@code enabled=false}. A
     * launcher or an admin writes it instead of deleting the channel's configuration file, because Karaf keeps the
     * configuration of a file deleted while the node is stopped, and the channel would come back at the next start.
     */
    static final String ENABLED_PROPERTY = "enabled";
    static final String EMAIL = "email";
    static final String SMS = "sms";

    private static final Logger LOG = LoggerFactory.getLogger(NotifierComponent.class);
    private static final int MAX_THREADS = 16;

    private final NodeIdentity node;
    private final Function<Appeal, Optional<String>> accessCodes;
    private final Runnable release;
    private final ScheduledThreadPoolExecutor executor;
    private final Map<String, NotificationChannel> channels = new ConcurrentHashMap<>();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicInteger pending = new AtomicInteger();
    private volatile Settings settings;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile ReferenceData referenceData;

    /**
     * @param node this node
     * @param appeals the appeal service, for the access code; taken when first needed, because the appeal service
     *        itself binds this listener and a reference taken at activation would be circular
     * @param config the configuration
     */
    @Activate
    public NotifierComponent(@Reference(name = "node") NodeIdentity node,
            @Reference(name = "appeals", service = AppealService.class) ComponentServiceObjects<AppealService> appeals,
            NotifierConfig config) {
        this(node, new LazyAppealService(appeals), config);
    }

    private NotifierComponent(NodeIdentity node, LazyAppealService appeals, NotifierConfig config) {
        this(node, appeals::accessCode, appeals::release, config);
    }

    /**
     * @param node this node
     * @param accessCodes tells an appeal's access code
     * @param release called on deactivation
     * @param config the configuration
     */
    NotifierComponent(NodeIdentity node, Function<Appeal, Optional<String>> accessCodes, Runnable release,
            NotifierConfig config) {
        this.node = node;
        this.accessCodes = accessCodes;
        this.release = release;
        this.settings = Settings.of(config);
        AtomicInteger threadNumber = new AtomicInteger();
        ThreadFactory threads = r -> {
            Thread t = new Thread(r, "nsoz-notify-" + threadNumber.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        this.executor = new ScheduledThreadPoolExecutor(settings.threads(), threads);
        executor.setRemoveOnCancelPolicy(true);
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        LOG.info("Notifier started: {} attempts per message, first retry after {} ms, {} thread(s)",
                settings.maxAttempts(), settings.firstRetryMillis(), settings.threads());
    }

    /** @param config the new configuration; messages already queued keep going */
    @Modified
    void modified(NotifierConfig config) {
        Settings s = Settings.of(config);
        settings = s;
        executor.setCorePoolSize(s.threads());
        LOG.info("Notifier reconfigured: {} attempts per message, first retry after {} ms, {} thread(s)",
                s.maxAttempts(), s.firstRetryMillis(), s.threads());
    }

    @Deactivate
    void deactivate() {
        executor.shutdownNow();
        int left = pending.get();
        if (left > 0) {
            LOG.warn("Notifier stopped with {} message(s) not sent", left);
        }
        release.run();
    }

    @Reference(name = "channels", service = NotificationChannel.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC)
    void bindChannel(NotificationChannel channel, Map<String, Object> properties) {
        String name = channelName(channel, properties);
        if (off(properties)) {
            LOG.info("Notification channel '{}' is off (enabled = false): nothing is sent through it", name);
            return;
        }
        channels.put(name, channel);
        LOG.info("Notification channel '{}' available", name);
    }

    void unbindChannel(NotificationChannel channel, Map<String, Object> properties) {
        String name = channelName(channel, properties);
        if (channels.remove(name, channel)) {
            LOG.info("Notification channel '{}' gone", name);
        }
    }

    /** @param data the reference data (tests) */
    void setReferenceData(ReferenceData data) {
        referenceData = data;
    }

    @Override
    public Stats stats() {
        return new Stats(sent.get(), failed.get(), pending.get());
    }

    @Override
    public void onEvent(AppealEvent event, Appeal appeal) {
        try {
            prepare(event, appeal);
        } catch (RuntimeException e) {
            LOG.warn("Could not prepare the notification of event {} for appeal {}: {}", event.type(), appeal.id(),
                    Redact.describe(e));
        }
    }

    private void prepare(AppealEvent event, Appeal appeal) {
        if (!Messages.NOTIFIED.contains(event.type())) {
            return;
        }
        // Other nodes hold replicas of this appeal and hear of the same event: only the owner tells the applicant.
        if (!node.nodeId().equals(appeal.node())) {
            return;
        }
        Applicant applicant = appeal.applicant();
        if (applicant == null) {
            return;
        }
        List<String[]> targets = new ArrayList<>(2);
        addTarget(targets, EMAIL, applicant.email());
        addTarget(targets, SMS, applicant.phone());
        if (targets.isEmpty()) {
            LOG.debug("No contact with an available channel for appeal {}: event {} not notified", appeal.id(),
                    event.type());
            return;
        }
        Settings s = settings;
        Optional<String> code = Messages.REGISTERED.equals(event.type()) ? accessCodes.apply(appeal)
                : Optional.empty();
        Optional<Messages.Message> message = Messages.build(event.type(), appeal, code, s.publicUrl(),
                this::body);
        if (message.isEmpty()) {
            return;
        }
        for (String[] target : targets) {
            enqueue(new Delivery(appeal.id(), event.type(), target[0], target[1], message.get()));
        }
    }

    private void addTarget(List<String[]> targets, String channel, String recipient) {
        if (recipient != null && !recipient.isBlank() && channels.containsKey(channel)) {
            targets.add(new String[] {channel, recipient.trim()});
        }
    }

    private Optional<Body> body(String code) {
        ReferenceData data = referenceData;
        return data == null ? Optional.empty() : data.body(code);
    }

    private void enqueue(Delivery d) {
        if (pending.incrementAndGet() > settings.maxPending()) {
            pending.decrementAndGet();
            failed.incrementAndGet();
            LOG.warn("Notification queue full ({}): {} message of event {} for appeal {} dropped",
                    settings.maxPending(), d.channel(), d.eventType(), d.appealId());
            return;
        }
        try {
            executor.execute(() -> attempt(d, 1));
        } catch (RejectedExecutionException e) {
            giveUp(d, 0, "the notifier is stopped");
        }
    }

    private void attempt(Delivery d, int attempt) {
        NotificationChannel channel = channels.get(d.channel());
        try {
            if (channel == null) {
                throw new IllegalStateException("channel " + d.channel() + " is not available");
            }
            channel.send(d.recipient(), d.message().subject(), d.message().body());
        } catch (Exception | LinkageError e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            retryOrGiveUp(d, attempt, e);
            return;
        }
        sent.incrementAndGet();
        pending.decrementAndGet();
        LOG.debug("Sent {} message of event {} for appeal {} (attempt {})", d.channel(), d.eventType(), d.appealId(),
                attempt);
    }

    private void retryOrGiveUp(Delivery d, int attempt, Throwable e) {
        Settings s = settings;
        String why = Redact.describe(e);
        // A recipient the channel refuses (not an address, not a number) will not become valid by waiting.
        if (e instanceof IllegalArgumentException || attempt >= s.maxAttempts() || executor.isShutdown()) {
            giveUp(d, attempt, why);
            return;
        }
        long delay = s.delayAfter(attempt);
        LOG.warn("Could not send {} message of event {} for appeal {} (attempt {} of {}), retrying in {} ms: {}",
                d.channel(), d.eventType(), d.appealId(), attempt, s.maxAttempts(), delay, why);
        try {
            executor.schedule(() -> attempt(d, attempt + 1), delay, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException rejected) {
            giveUp(d, attempt, "the notifier is stopped");
        }
    }

    private void giveUp(Delivery d, int attempts, String why) {
        pending.decrementAndGet();
        failed.incrementAndGet();
        LOG.warn("Gave up on the {} message of event {} for appeal {} after {} attempt(s): {}", d.channel(),
                d.eventType(), d.appealId(), attempts, why);
    }

    /** @return whether the channel's service says it is off ({@code enabled} false, as a boolean or a text) */
    static boolean off(Map<String, Object> properties) {
        Object enabled = properties == null ? null : properties.get(ENABLED_PROPERTY);
        return enabled != null && "false".equalsIgnoreCase(enabled.toString().trim());
    }

    /** @return the channels messages go through now, by name (off ones are never among them) */
    java.util.Set<String> channelNames() {
        return java.util.Set.copyOf(channels.keySet());
    }

    private static String channelName(NotificationChannel channel, Map<String, Object> properties) {
        Object name = properties == null ? null : properties.get(CHANNEL_PROPERTY);
        return name != null ? name.toString() : channel.name();
    }

    /** One message to one recipient through one channel. */
    private record Delivery(String appealId, String eventType, String channel, String recipient,
            Messages.Message message) {

        /** Never shows the recipient or the text, should it end up in a log or a debugger's summary. */
        @Override
        public String toString() {
            return "Delivery[" + channel + " " + eventType + " " + appealId + "]";
        }
    }

    /**
     * The configuration, checked.
     *
     * @param publicUrl base URL, no trailing slash
     * @param maxAttempts attempts per message
     * @param firstRetryMillis first delay
     * @param maxRetryMillis longest delay
     * @param maxPending queue bound
     * @param threads sending threads
     */
    record Settings(String publicUrl, int maxAttempts, long firstRetryMillis, long maxRetryMillis, int maxPending,
            int threads) {

        static Settings of(NotifierConfig c) {
            String url = c.publicUrl() == null ? "" : c.publicUrl().trim();
            while (url.endsWith("/")) {
                url = url.substring(0, url.length() - 1);
            }
            if (!url.startsWith("http://") && !url.startsWith("https://")) {
                throw new IllegalArgumentException(Notifier.PID + ": publicUrl must be an http(s) URL, got '"
                        + c.publicUrl() + "'");
            }
            long first = Math.max(0, c.firstRetryMillis());
            return new Settings(url, Math.max(1, c.maxAttempts()), first, Math.max(first, c.maxRetryMillis()),
                    Math.max(1, c.maxPending()), Math.min(MAX_THREADS, Math.max(1, c.threads())));
        }

        /**
         * @param attempt the attempt that failed, from 1
         * @return the delay before the next one: the first delay, doubled per earlier failure, at most the longest
         */
        long delayAfter(int attempt) {
            long delay = firstRetryMillis;
            for (int i = 1; i < attempt && delay < maxRetryMillis; i++) {
                delay *= 2;
            }
            return Math.min(delay, maxRetryMillis);
        }
    }

    /** The appeal service, taken from the registry on first use and given back on deactivation. */
    private static final class LazyAppealService {
        private final ComponentServiceObjects<AppealService> objects;
        private AppealService service;

        LazyAppealService(ComponentServiceObjects<AppealService> objects) {
            this.objects = objects;
        }

        Optional<String> accessCode(Appeal appeal) {
            AppealService s = get();
            return s == null ? Optional.empty() : s.accessCode(appeal);
        }

        private synchronized AppealService get() {
            if (service == null) {
                service = objects.getService();
            }
            return service;
        }

        synchronized void release() {
            if (service != null) {
                objects.ungetService(service);
                service = null;
            }
        }
    }
}
