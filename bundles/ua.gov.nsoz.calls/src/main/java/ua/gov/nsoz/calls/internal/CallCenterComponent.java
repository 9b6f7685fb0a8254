package ua.gov.nsoz.calls.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ua.gov.nsoz.api.FieldError;
import ua.gov.nsoz.api.ValidationException;
import ua.gov.nsoz.api.calls.CallCenter;
import ua.gov.nsoz.api.calls.CallEvent;
import ua.gov.nsoz.api.calls.CallRecord;
import ua.gov.nsoz.api.calls.CallState;
import ua.gov.nsoz.api.reference.ReferenceBase;
import ua.gov.nsoz.api.reference.ReferenceEntry;
import ua.gov.nsoz.api.reference.ReferenceEntryType;

/**
 * The node's {@link CallCenter}: call records in the node's database ({@link CallTables}), the PBX's signature
 * checked with the secret of PID {@code ua.gov.nsoz.calls}, a transfer's number looked up among the reference base's
 * contact centers. The events of all calls are applied one at a time (a PBX sends a few per second at most); a
 * change wakes the operators' long polls. Logs name calls by their ids, never by a number.
 */
@Component(service = CallCenter.class, configurationPid = CallCenterComponent.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL, property = "dataSource.target=(dataSourceName=nsoz)")
@Designate(ocd = CallsConfig.class)
public class CallCenterComponent implements CallCenter {

    /** The configuration PID. */
    static final String PID = "ua.gov.nsoz.calls";

    /** The shortest PBX secret taken. */
    static final int MIN_SECRET = 16;

    private static final Logger LOG = LoggerFactory.getLogger(CallCenterComponent.class);
    private static final Pattern CALL_ID = Pattern.compile("[\\x21-\\x7e]{1,100}");
    private static final Pattern NUMBER = Pattern.compile("[\\p{Alnum}+*#() .\\-]{1,40}");
    private static final Pattern USER = Pattern.compile("[^\\p{Cntrl}]{1,100}");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final String SIGNATURE_PREFIX = "sha256=";

    private final CallTables tables;
    private final Clock clock;
    private final Object changes = new Object();
    /** Counts the changes (under {@link #changes}), so that a long poll never misses one between its look and its wait. */
    private volatile long version;
    private volatile Settings settings;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile ReferenceBase reference;

    private record Settings(byte[] secret, Duration ringing, Duration answered) {
    }

    /**
     * @param dataSource the node's DataSource
     * @param config the configuration
     */
    @Activate
    public CallCenterComponent(@Reference(name = "dataSource") DataSource dataSource, CallsConfig config) {
        this(dataSource, config, Clock.systemUTC());
    }

    CallCenterComponent(DataSource dataSource, CallsConfig config, Clock clock) {
        ua.gov.nsoz.store.SchemaMigrations.migrate(dataSource, "ua/gov/nsoz/calls/internal/db/changelog.sql",
                CallCenterComponent.class.getClassLoader());
        this.tables = new CallTables(dataSource);
        this.clock = clock;
        configure(config);
    }

    /** A changed secret takes effect at once; the service stays (the REST server is not rebuilt). */
    @Modified
    void modified(CallsConfig config) {
        configure(config);
    }

    private void configure(CallsConfig config) {
        String secret = config.pbxSecret() == null ? "" : config.pbxSecret().strip();
        if (secret.isEmpty()) {
            LOG.warn("No PBX secret (PID {} pbxSecret): every request of a PBX is refused", PID);
        } else if (secret.length() < MIN_SECRET) {
            LOG.warn("The PBX secret (PID {}) is shorter than {} characters and is not used: every request of a PBX "
                    + "is refused", PID, MIN_SECRET);
            secret = "";
        }
        settings = new Settings(secret.getBytes(StandardCharsets.UTF_8),
                Duration.ofMinutes(Math.max(1, config.ringingMinutes())),
                Duration.ofHours(Math.max(1, config.answeredHours())));
    }

    void setReference(ReferenceBase reference) {
        this.reference = reference;
    }

    // ---- events ------------------------------------------------------------------------------------------------

    @Override
    public CallRecord accept(CallEvent event) {
        validate(event);
        Instant at = event.at() == null ? clock.instant() : event.at();
        CallRecord result;
        boolean changed;
        synchronized (this) {
            Optional<CallRecord> known = tables.byPbxId(event.pbxCallId());
            if (known.isEmpty()) {
                result = first(event, at);
                if (!tables.insert(result)) {
                    throw new IllegalStateException("Call " + event.pbxCallId() + " was recorded meanwhile");
                }
                changed = true;
                LOG.info("Call {} (PBX {}) {}", result.id(), result.pbxCallId(), result.state());
            } else {
                CallRecord before = known.get();
                result = next(before, event, at);
                changed = !result.equals(before);
                if (changed) {
                    tables.update(result);
                    LOG.info("Call {} {} -> {}", result.id(), before.state(), result.state());
                } else {
                    LOG.debug("Call {}: event {} changes nothing in state {}", before.id(), event.type(),
                            before.state());
                }
            }
        }
        if (changed) {
            wake();
        }
        return result;
    }

    /** The record a call's first event makes. */
    private CallRecord first(CallEvent e, Instant at) {
        String id = UUID.randomUUID().toString();
        return switch (e.type()) {
            case RINGING -> new CallRecord(id, e.pbxCallId(), e.callerNumber(), e.calledNumber(), e.operator(),
                    CallState.RINGING, at, null, null, 0, null, null, null, null);
            case ANSWERED -> new CallRecord(id, e.pbxCallId(), e.callerNumber(), e.calledNumber(), e.operator(),
                    CallState.ANSWERED, at, at, null, 0, null, null, null, null);
            case HANGUP -> new CallRecord(id, e.pbxCallId(), e.callerNumber(), e.calledNumber(), e.operator(),
                    CallState.MISSED, at, null, at, 0, null, null, null, null);
            case TRANSFERRED -> new CallRecord(id, e.pbxCallId(), e.callerNumber(), e.calledNumber(), e.operator(),
                    CallState.TRANSFERRED, at, null, at, 0, null, null, e.transferTo(), center(e.transferTo()));
        };
    }

    /** The record after a later event (unchanged if the call has gone past it). */
    private CallRecord next(CallRecord r, CallEvent e, Instant at) {
        String caller = r.callerNumber() != null ? r.callerNumber() : e.callerNumber();
        String called = r.calledNumber() != null ? r.calledNumber() : e.calledNumber();
        String operator = e.operator() != null ? e.operator() : r.operator();
        return switch (e.type()) {
            case RINGING -> r.state() == CallState.RINGING
                    ? with(r, caller, called, operator, CallState.RINGING, r.answeredAt(), null, null, null) : r;
            case ANSWERED -> r.state() == CallState.RINGING
                    ? with(r, caller, called, operator, CallState.ANSWERED, at, null, null, null) : r;
            case HANGUP -> switch (r.state()) {
                case RINGING -> with(r, caller, called, r.operator(), CallState.MISSED, null, at, null, null);
                case ANSWERED -> with(r, caller, called, r.operator(), CallState.ENDED, r.answeredAt(), at, null, null);
                default -> r;
            };
            case TRANSFERRED -> r.live()
                    ? with(r, caller, called, operator, CallState.TRANSFERRED, r.answeredAt(), at, e.transferTo(),
                            center(e.transferTo()))
                    : r;
        };
    }

    private static CallRecord with(CallRecord r, String caller, String called, String operator, CallState state,
            Instant answeredAt, Instant endedAt, String transferTo, String center) {
        long duration = answeredAt != null && endedAt != null
                ? Math.max(0, Duration.between(answeredAt, endedAt).toSeconds()) : 0;
        return new CallRecord(r.id(), r.pbxCallId(), caller, called, operator, state, r.ringingAt(), answeredAt,
                endedAt, duration, r.appealId(), r.recordingSha256(), transferTo, center);
    }

    /**
     * The reference base's contact center with this number: the same digits, or (both at least 9 digits long) the
     * same last 9 digits, Ukraine's national number ({@code 032 000 15 80} is {@code +380 32 000 15 80}).
     *
     * @return its code, or null if it is none of theirs (or the reference base is not running)
     */
    String center(String number) {
        String digits = CallTables.digits(number);
        ReferenceBase base = reference;
        if (digits == null || base == null) {
            return null;
        }
        for (ReferenceEntry entry : base.entries()) {
            if (entry.type() != ReferenceEntryType.CONTACT_CENTER) {
                continue;
            }
            String phone = CallTables.digits(entry.phone());
            if (phone != null && sameNumber(phone, digits)) {
                return entry.code();
            }
        }
        return null;
    }

    static boolean sameNumber(String a, String b) {
        if (a.equals(b)) {
            return true;
        }
        return a.length() >= 9 && b.length() >= 9 && a.substring(a.length() - 9).equals(b.substring(b.length() - 9));
    }

    private static void validate(CallEvent e) {
        List<FieldError> errors = new ArrayList<>();
        if (e == null) {
            throw new ValidationException(List.of(new FieldError("event", "Обов'язкова подія / An event is required")));
        }
        if (e.pbxCallId() == null || !CALL_ID.matcher(e.pbxCallId()).matches()) {
            errors.add(new FieldError("pbxCallId", "Обов'язковий ідентифікатор виклику: 1–100 друкованих символів "
                    + "ASCII / Required: the PBX's call id, 1–100 printable ASCII characters"));
        }
        if (e.type() == null) {
            errors.add(new FieldError("type", "Обов'язкове поле: RINGING, ANSWERED, HANGUP, TRANSFERRED / Required: "
                    + "RINGING, ANSWERED, HANGUP, TRANSFERRED"));
        }
        number(errors, "callerNumber", e.callerNumber());
        number(errors, "calledNumber", e.calledNumber());
        number(errors, "transferTo", e.transferTo());
        if (e.operator() != null && !USER.matcher(e.operator()).matches()) {
            errors.add(new FieldError("operator", "Ім'я користувача: 1–100 символів / A user name of 1–100 "
                    + "characters"));
        }
        if (e.type() == ua.gov.nsoz.api.calls.CallEventType.TRANSFERRED && e.transferTo() == null) {
            errors.add(new FieldError("transferTo", "Обов'язкове для TRANSFERRED: номер, на який переведено виклик / "
                    + "Required for TRANSFERRED: the number the call went to"));
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
    }

    private static void number(List<FieldError> errors, String field, String value) {
        if (value != null && !NUMBER.matcher(value).matches()) {
            errors.add(new FieldError(field, "Номер телефону: до 40 цифр, літер, +*#() .- / A phone number: at most 40 "
                    + "digits, letters, +*#() .-"));
        }
    }

    // ---- recordings, links -------------------------------------------------------------------------------------

    @Override
    public CallRecord recording(String pbxCallId, String sha256) {
        if (sha256 == null || !SHA256.matcher(sha256).matches()) {
            throw new ValidationException(List.of(new FieldError("sha256", "64 шістнадцяткові символи / 64 hex "
                    + "characters")));
        }
        CallRecord updated;
        synchronized (this) {
            CallRecord r = tables.byPbxId(pbxCallId).orElseThrow(() -> new NoSuchElementException(
                    "Виклику з таким ідентифікатором АТС немає / No call with this PBX call id"));
            if (sha256.equals(r.recordingSha256())) {
                return r;
            }
            updated = new CallRecord(r.id(), r.pbxCallId(), r.callerNumber(), r.calledNumber(), r.operator(),
                    r.state(), r.ringingAt(), r.answeredAt(), r.endedAt(), r.durationSeconds(), r.appealId(), sha256,
                    r.transferredTo(), r.transferredToCenter());
            tables.update(updated);
        }
        LOG.info("Call {}: recording {}", updated.id(), sha256);
        return updated;
    }

    @Override
    public CallRecord attach(String callId, String appealId) {
        if (appealId == null || appealId.isBlank() || appealId.length() > 40) {
            throw new ValidationException(List.of(new FieldError("appealId", "Обов'язкове поле: ідентифікатор "
                    + "звернення / Required: the appeal's id")));
        }
        CallRecord updated;
        synchronized (this) {
            CallRecord r = tables.byId(callId).orElseThrow(() -> new NoSuchElementException(
                    "Виклику немає / No such call"));
            if (appealId.equals(r.appealId())) {
                return r;
            }
            if (r.appealId() != null) {
                throw new IllegalStateException("Виклик уже пов'язано з іншим зверненням / The call is linked to "
                        + "another appeal already");
            }
            updated = new CallRecord(r.id(), r.pbxCallId(), r.callerNumber(), r.calledNumber(), r.operator(),
                    r.state(), r.ringingAt(), r.answeredAt(), r.endedAt(), r.durationSeconds(), appealId,
                    r.recordingSha256(), r.transferredTo(), r.transferredToCenter());
            tables.update(updated);
        }
        LOG.info("Call {} linked to appeal {}", updated.id(), appealId);
        return updated;
    }

    // ---- reads -------------------------------------------------------------------------------------------------

    @Override
    public List<CallRecord> ringing(String operator) {
        if (operator == null) {
            return List.of();
        }
        Settings s = settings;
        Instant now = clock.instant();
        return tables.live(operator).stream().filter(r -> r.state() == CallState.RINGING
                ? r.ringingAt().plus(s.ringing()).isAfter(now)
                : (r.answeredAt() == null ? r.ringingAt() : r.answeredAt()).plus(s.answered()).isAfter(now))
                .toList();
    }

    @Override
    public List<CallRecord> awaitRinging(String operator, Duration wait) throws InterruptedException {
        long end = System.nanoTime() + Math.max(0, wait.toNanos());
        while (true) {
            long seen = version;
            List<CallRecord> calls = ringing(operator);
            long left = end - System.nanoTime();
            if (!calls.isEmpty() || left <= 0) {
                return calls;
            }
            synchronized (changes) {
                if (version == seen) {
                    // Woken by every change; also looks again each second (a call's ringing time may pass).
                    changes.wait(Math.max(1, Math.min(1000, left / 1_000_000)));
                }
            }
        }
    }

    private void wake() {
        synchronized (changes) {
            version++;
            changes.notifyAll();
        }
    }

    @Override
    public Optional<CallRecord> get(String id) {
        return id == null ? Optional.empty() : tables.byId(id);
    }

    @Override
    public List<CallRecord> forAppeal(String appealId) {
        return appealId == null ? List.of() : tables.forAppeal(appealId);
    }

    @Override
    public List<CallRecord> fromNumber(String callerNumber, int limit) {
        String digits = CallTables.digits(callerNumber);
        return digits == null || limit <= 0 ? List.of() : tables.fromDigits(digits, Math.min(limit, 1000));
    }

    // ---- the PBX's signature -----------------------------------------------------------------------------------

    @Override
    public boolean signedByPbx(InputStream body, String signature) throws IOException {
        byte[] secret = settings.secret();
        Mac mac = mac(secret.length == 0 ? new byte[32] : secret);
        byte[] buffer = new byte[8192];
        int n;
        while ((n = body.read(buffer)) >= 0) {
            mac.update(buffer, 0, n);
        }
        byte[] expected = mac.doFinal();
        byte[] given = parse(signature);
        // Compared in constant time (MessageDigest.isEqual), and compared even without a secret or a valid header, so
        // the time does not tell which was wrong.
        boolean equal = MessageDigest.isEqual(expected, given == null ? new byte[expected.length] : given);
        return equal && given != null && secret.length > 0;
    }

    /** @return the bytes of {@code sha256=<64 hex>}, or null if the header is not of that form */
    static byte[] parse(String signature) {
        if (signature == null) {
            return null;
        }
        String s = signature.strip();
        if (!s.regionMatches(true, 0, SIGNATURE_PREFIX, 0, SIGNATURE_PREFIX.length())) {
            return null;
        }
        String hex = s.substring(SIGNATURE_PREFIX.length());
        if (hex.length() != 64 || !hex.matches("[0-9a-fA-F]{64}")) {
            return null;
        }
        return HexFormat.of().parseHex(hex);
    }

    /** @return the signature header a PBX sends with this body under this secret (tests, docs) */
    static String sign(byte[] secret, byte[] body) {
        return SIGNATURE_PREFIX + HexFormat.of().formatHex(mac(secret).doFinal(body));
    }

    private static Mac mac(byte[] key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }
}
