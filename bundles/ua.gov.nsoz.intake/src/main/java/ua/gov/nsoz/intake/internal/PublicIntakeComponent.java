package ua.gov.nsoz.intake.internal;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
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
import ua.gov.nsoz.api.Appeal;
import ua.gov.nsoz.api.AppealKind;
import ua.gov.nsoz.api.AppealService;
import ua.gov.nsoz.api.Applicant;
import ua.gov.nsoz.api.ApplicantType;
import ua.gov.nsoz.api.Attachment;
import ua.gov.nsoz.api.Channel;
import ua.gov.nsoz.api.FieldError;
import ua.gov.nsoz.api.NewAppeal;
import ua.gov.nsoz.api.NodeIdentity;
import ua.gov.nsoz.api.TooManyAttemptsException;
import ua.gov.nsoz.api.ValidationException;
import ua.gov.nsoz.api.audit.AuditAction;
import ua.gov.nsoz.api.audit.AuditEntry;
import ua.gov.nsoz.api.audit.AuditLog;
import ua.gov.nsoz.documents.DocumentStore;
import ua.gov.nsoz.documents.StoredDocument;
import ua.gov.nsoz.intake.Challenge;
import ua.gov.nsoz.intake.Origin;
import ua.gov.nsoz.intake.PublicIntake;
import ua.gov.nsoz.intake.PublicSubmission;
import ua.gov.nsoz.intake.Receipt;
import ua.gov.nsoz.store.AppealStore;

/**
 * The public intake (docs/intake.md). A submission passes, in this order: its form (consent, sizes, the documents
 * this node holds), its idempotency key (a resend gets the first registration), the proof of work, the limits per
 * client address and per e-mail, the claim of the key and of the token; then the appeal service registers it as a
 * citizen's appeal through the web site, with the Law's marks (Art. 7: nothing else is refused here). Every
 * registration and every refusal by a limit goes to the audit log with the door and the client's address, never
 * personal data.
 */
@Component(service = PublicIntake.class, configurationPid = PublicIntakeComponent.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL, property = "dataSource.target=(dataSourceName=nsoz)")
@Designate(ocd = IntakeConfig.class)
public class PublicIntakeComponent implements PublicIntake {

    /** The configuration PID. */
    static final String PID = "ua.gov.nsoz.intake";

    /** The actor of public registrations in the appeal's history and the audit log. */
    static final String ACTOR = "public-intake";

    /** Longest idempotency key. */
    static final int MAX_KEY = 100;
    /** Longest file name of a document. */
    static final int MAX_FILE_NAME = 255;
    /** Longest text (the appeal service's own limit, checked here first). */
    static final int MAX_TEXT = 32_000;
    /** How long a resend waits for the first registration of its key still running. */
    static final Duration WAIT_FOR_FIRST = Duration.ofSeconds(15);
    /** A key claimed this long ago without an appeal was abandoned (the node stopped mid-registration). */
    static final Duration ABANDONED = Duration.ofMinutes(2);
    /** How long idempotency keys are remembered. */
    static final Duration KEEP_KEYS = Duration.ofDays(7);

    static final String CONSENT_REQUIRED = "Потрібна згода на обробку персональних даних / Consent to the "
            + "processing of personal data is required";

    private static final Logger LOG = LoggerFactory.getLogger(PublicIntakeComponent.class);
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7e]{1,100}");

    private final AppealService appeals;
    private final AuditLog audit;
    private final NodeIdentity node;
    private final IntakeTables tables;
    private final byte[] secret;
    // Replaced together when the configuration changes (@Modified): the service stays registered, so the REST server
    // is not rebuilt; the limits count afresh from the change.
    private volatile ProofOfWork pow;
    private volatile Limiter challenges;
    private volatile Limiter byAddress;
    private volatile Limiter byEmail;
    private final Clock clock;
    private final AtomicLong submissions = new AtomicLong();

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile DocumentStore documents;

    /**
     * @param dataSource the node's DataSource
     * @param store the node's store (the proof of work's secret, shared by the nodes of a center: {@link NodeSecret})
     * @param appeals the appeal service
     * @param audit the audit log
     * @param node this node
     * @param config the configuration
     */
    @Activate
    public PublicIntakeComponent(@Reference(name = "dataSource") DataSource dataSource,
            @Reference(name = "store") AppealStore store, @Reference(name = "appeals") AppealService appeals,
            @Reference(name = "audit") AuditLog audit, @Reference(name = "node") NodeIdentity node,
            IntakeConfig config) {
        this(dataSource, store, appeals, audit, node, config, oldSecretFile(config), Clock.systemUTC());
    }

    PublicIntakeComponent(DataSource dataSource, AppealStore store, AppealService appeals, AuditLog audit,
            NodeIdentity node, IntakeConfig config, Path oldSecretFile, Clock clock) {
        this.appeals = appeals;
        this.audit = audit;
        this.node = node;
        this.clock = clock;
        ua.gov.nsoz.store.SchemaMigrations.migrate(dataSource, "ua/gov/nsoz/intake/internal/db/changelog.sql",
                PublicIntakeComponent.class.getClassLoader());
        this.tables = new IntakeTables(dataSource);
        this.secret = NodeSecret.shared(store, oldSecretFile);
        configure(config);
        purge();
    }

    /**
     * A changed configuration takes effect without the service going away (the API keeps answering).
     *
     * @param config the new configuration
     */
    @Modified
    void modified(IntakeConfig config) {
        configure(config);
    }

    private void configure(IntakeConfig config) {
        this.pow = new ProofOfWork(secret, config.difficultyBits(),
                Duration.ofSeconds(Math.max(30, config.challengeTtlSeconds())), clock);
        this.challenges = new Limiter(List.of(new Limiter.Rule(Duration.ofMinutes(10),
                config.challengesPerAddressPer10Minutes())), clock::millis);
        this.byAddress = new Limiter(List.of(new Limiter.Rule(Duration.ofMinutes(10),
                config.submissionsPerAddressPer10Minutes()), new Limiter.Rule(Duration.ofDays(1),
                config.submissionsPerAddressPerDay())), clock::millis);
        this.byEmail = new Limiter(List.of(new Limiter.Rule(Duration.ofHours(1), config.submissionsPerEmailPerHour()),
                new Limiter.Rule(Duration.ofDays(1), config.submissionsPerEmailPerDay())), clock::millis);
        LOG.info("Public intake ready: proof of work {} bits, {} s; per address {}/10 min, {}/day; per e-mail {}/h, "
                + "{}/day; challenges per address {}/10 min", config.difficultyBits(), config.challengeTtlSeconds(),
                config.submissionsPerAddressPer10Minutes(), config.submissionsPerAddressPerDay(),
                config.submissionsPerEmailPerHour(), config.submissionsPerEmailPerDay(),
                config.challengesPerAddressPer10Minutes());
    }

    /** @param store the document store, as DS (or a test) sets it */
    void documents(DocumentStore store) {
        this.documents = store;
    }

    /** Where an older version kept the secret ({@link NodeSecret}: read once, to move it into the database). */
    private static Path oldSecretFile(IntakeConfig config) {
        String f = config.secretFile() == null ? "" : config.secretFile().trim();
        return f.isEmpty() ? Path.of(System.getProperty("karaf.data", "data"), "nsoz", "intake-secret") : Path.of(f);
    }

    @Override
    public Challenge challenge(Origin origin) {
        Optional<Duration> wait = challenges.acquire(address(origin));
        if (wait.isPresent()) {
            throw new TooManyAttemptsException("Забагато запитів з вашої адреси; спробуйте пізніше / Too many "
                    + "requests from your address; try again later", roundUp(wait.get()));
        }
        return pow.issue();
    }

    @Override
    public Receipt submit(PublicSubmission s, Origin origin) {
        if (submissions.incrementAndGet() % 200 == 0) {
            purge();
        }
        // 1. The form: every problem at once.
        List<Attachment> docs = new ArrayList<>();
        List<FieldError> errors = form(s, docs);
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        String key = s.idempotencyKey();
        String fingerprint = fingerprint(s);
        // 2. A resend: the first registration, whatever its token (the first one used it).
        if (key != null) {
            Optional<Receipt> first = repeated(key, fingerprint);
            if (first.isPresent()) {
                return first.get();
            }
        }
        // 3. The proof of work.
        ProofOfWork.Problem problem = pow.check(s.challengeToken(), s.nonce());
        String tokenHash = s.challengeToken() == null ? null : ProofOfWork.sha256Hex(s.challengeToken());
        if (problem == null && tables.tokenUsed(tokenHash)) {
            // A concurrent resend of this key may have used it a moment ago (it claims the key before the token).
            Optional<Receipt> first = key == null ? Optional.empty() : repeated(key, fingerprint);
            if (first.isPresent()) {
                return first.get();
            }
            throw new ValidationException(List.of(usedToken()));
        }
        if (problem != null) {
            throw new ValidationException(List.of(switch (problem) {
                case BAD_TOKEN -> new FieldError("challengeToken", "Недійсний токен перевірки; отримайте новий "
                        + "(GET /public/challenge) / Invalid challenge token; get a new one (GET /public/challenge)");
                case EXPIRED -> new FieldError("challengeToken", "Строк дії токена перевірки минув; отримайте новий "
                        + "/ The challenge token has expired; get a new one");
                case WRONG_NONCE -> new FieldError("nonce", "Розв'язок перевірки невірний / The nonce does not solve "
                        + "the challenge");
            }));
        }
        // 4. The key: of concurrent resends (a double click) one goes on, the others wait for its registration.
        if (key != null && !tables.claim(key, fingerprint, clock.instant())) {
            Optional<Receipt> first = repeated(key, fingerprint);
            if (first.isPresent()) {
                return first.get();
            }
            throw new TooManyAttemptsException("Це звернення ще реєструється; повторіть за мить / This appeal is "
                    + "still being registered; try again in a moment", Duration.ofSeconds(2));
        }
        String addressKey = address(origin);
        String emailKey = emailKey(s.email());
        boolean permits = false;
        boolean registered = false;
        try {
            // 5. The limits, per client address and per e-mail.
            Optional<Duration> wait = byAddress.acquire(addressKey);
            String which = "client address";
            if (wait.isEmpty() && emailKey != null) {
                wait = byEmail.acquire(emailKey);
                which = "e-mail";
                if (wait.isPresent()) {
                    byAddress.release(addressKey);
                }
            }
            if (wait.isPresent()) {
                record(AuditAction.DENIED, null, origin, "refused: too many submissions from the " + which);
                throw new TooManyAttemptsException("Забагато звернень з цієї адреси або електронної пошти; "
                        + "спробуйте пізніше / Too many appeals from this address or e-mail; try again later",
                        roundUp(wait.get()));
            }
            permits = true;
            // 6. The token, once.
            if (!tables.useToken(tokenHash, pow.expiry(s.challengeToken()))) {
                throw new ValidationException(List.of(usedToken()));
            }
            // 7. Registration, with the Law's marks.
            Appeal appeal;
            try {
                appeal = appeals.register(toNewAppeal(s, docs), ACTOR);
            } catch (ValidationException e) {
                throw new ValidationException(e.errors().stream().map(PublicIntakeComponent::publicField).toList());
            }
            registered = true;
            if (key != null) {
                tables.complete(key, appeal.id());
            }
            record(AuditAction.CREATE, appeal.id(), origin, "registered");
            LOG.debug("Public intake: appeal {} registered as {} via {}", appeal.id(), appeal.registrationNumber(),
                    origin == null ? null : origin.via());
            return new Receipt(appeal, appeals.accessCode(appeal).orElse(null), false);
        } finally {
            if (!registered) {
                if (permits) {
                    byAddress.release(addressKey);
                    byEmail.release(emailKey);
                }
                if (key != null) {
                    tables.abandon(key);
                }
            }
        }
    }

    private static FieldError usedToken() {
        return new FieldError("challengeToken", "Цей токен перевірки вже використано; отримайте новий / This "
                + "challenge token has been used; get a new one");
    }

    /**
     * The first registration of a key, waiting for it while it runs.
     *
     * @return empty if the key is not known (or was abandoned)
     * @throws ValidationException if the key was first given with another submission
     */
    private Optional<Receipt> repeated(String key, String fingerprint) {
        Instant deadline = clock.instant().plus(WAIT_FOR_FIRST);
        while (true) {
            Optional<IntakeTables.Entry> e = tables.find(key);
            if (e.isEmpty()) {
                return Optional.empty();
            }
            IntakeTables.Entry entry = e.get();
            if (!entry.fingerprint().equals(fingerprint)) {
                throw new ValidationException(List.of(new FieldError("Idempotency-Key", "Цей ключ ідемпотентності "
                        + "вже використано з іншим зверненням; для нового звернення потрібен новий ключ / This "
                        + "Idempotency-Key was used with a different appeal; a new appeal needs a new key")));
            }
            if (entry.appealId() != null) {
                Appeal a = appeals.get(entry.appealId()).orElseThrow(() -> new NoSuchElementException(
                        "The appeal of an idempotency key is gone: " + entry.appealId()));
                return Optional.of(new Receipt(a, appeals.accessCode(a).orElse(null), true));
            }
            Instant now = clock.instant();
            if (entry.createdAt().isBefore(now.minus(ABANDONED))) {
                tables.abandon(key);
                return Optional.empty();
            }
            if (now.isAfter(deadline)) {
                throw new TooManyAttemptsException("Це звернення ще реєструється; повторіть за мить / This appeal is "
                        + "still being registered; try again in a moment", Duration.ofSeconds(2));
            }
            try {
                Thread.sleep(25);
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for the first registration", ie);
            }
        }
    }

    /** The form's problems; fills {@code docs} with the documents as this node holds them. */
    private List<FieldError> form(PublicSubmission s, List<Attachment> docs) {
        List<FieldError> errors = new ArrayList<>();
        if (!s.consent()) {
            errors.add(new FieldError("consent", CONSENT_REQUIRED));
        }
        if (s.kind() == null) {
            errors.add(new FieldError("kind", "Обов'язкове поле: пропозиція, заява або скарга / Required: "
                    + "PROPOSAL, APPLICATION or COMPLAINT"));
        }
        if (s.text() == null || s.text().isBlank()) {
            errors.add(new FieldError("text", "Обов'язкове поле: суть звернення / Required: the essence of the "
                    + "appeal"));
        } else if (s.text().length() > MAX_TEXT) {
            errors.add(new FieldError("text", "Не довше " + MAX_TEXT + " символів / At most " + MAX_TEXT
                    + " characters"));
        }
        length(errors, "fullName", s.fullName(), 300);
        length(errors, "address", s.address(), 500);
        length(errors, "email", s.email(), 254);
        length(errors, "phone", s.phone(), 40);
        length(errors, "topic", s.topic(), 300);
        if (s.challengeToken() == null || s.challengeToken().isBlank()) {
            errors.add(new FieldError("challengeToken", "Обов'язкове поле: токен перевірки (GET /public/challenge) "
                    + "/ Required: the challenge token (GET /public/challenge)"));
        }
        if (s.nonce() == null || s.nonce().isBlank()) {
            errors.add(new FieldError("nonce", "Обов'язкове поле: розв'язок перевірки / Required: the nonce that "
                    + "solves the challenge"));
        }
        if (s.idempotencyKey() != null && !KEY.matcher(s.idempotencyKey()).matches()) {
            errors.add(new FieldError("Idempotency-Key", "Ключ ідемпотентності: від 1 до " + MAX_KEY + " видимих "
                    + "символів ASCII / Idempotency-Key: 1 to " + MAX_KEY + " visible ASCII characters"));
        }
        documents(s.documents(), errors, docs);
        return errors;
    }

    private void documents(List<Attachment> in, List<FieldError> errors, List<Attachment> out) {
        if (in.isEmpty()) {
            return;
        }
        DocumentStore store = documents;
        if (store == null) {
            errors.add(new FieldError("documents", "Цей вузол зараз не приймає документів / This node does not "
                    + "take documents at the moment"));
            return;
        }
        int max = store.limits().maxPerAppeal();
        if (in.size() > max) {
            errors.add(new FieldError("documents", "Не більше " + max + " документів / At most " + max
                    + " documents"));
            return;
        }
        for (int i = 0; i < in.size(); i++) {
            Attachment a = in.get(i);
            String f = "documents[" + i + "]";
            if (a == null) {
                errors.add(new FieldError(f, "Порожній елемент / Empty item"));
                continue;
            }
            String sha = a.sha256() == null ? null : a.sha256().toLowerCase(Locale.ROOT);
            Optional<StoredDocument> d = sha != null && SHA256.matcher(sha).matches() ? store.find(sha)
                    : Optional.empty();
            if (d.isEmpty()) {
                errors.add(new FieldError(f + ".sha256", "Такого документа на цьому вузлі немає; завантажте його "
                        + "(POST /public/documents) / No such document at this node; upload it first "
                        + "(POST /public/documents)"));
                continue;
            }
            String name = a.fileName() == null || a.fileName().isBlank() ? "document" : a.fileName().strip();
            if (name.length() > MAX_FILE_NAME) {
                errors.add(new FieldError(f + ".fileName", "Не довше " + MAX_FILE_NAME + " символів / At most "
                        + MAX_FILE_NAME + " characters"));
                continue;
            }
            out.add(d.get().attachment(name.replaceAll("\\p{Cntrl}", "_")));
        }
    }

    private static void length(List<FieldError> errors, String field, String value, int max) {
        if (value != null && value.length() > max) {
            errors.add(new FieldError(field, "Не довше " + max + " символів / At most " + max + " characters"));
        }
    }

    /** A citizen's electronic appeal through the web site (Open311 too): the service marks what it lacks. */
    static NewAppeal toNewAppeal(PublicSubmission s, List<Attachment> docs) {
        Applicant applicant = new Applicant(ApplicantType.CITIZEN, blank(s.fullName()), blank(s.address()),
                blank(s.email()), blank(s.phone()));
        return new NewAppeal(s.kind(), Channel.WEB, applicant, s.text(), blank(s.topic()), null, s.collective(),
                s.coSigners(), false, null, null, docs);
    }

    /** The service's field names as the public form names them. */
    static FieldError publicField(FieldError e) {
        String f = e.field();
        if (f.startsWith("applicant.")) {
            f = f.substring("applicant.".length());
        } else if (f.startsWith("attachments")) {
            f = "documents" + f.substring("attachments".length());
        }
        return new FieldError(f, e.message());
    }

    /** SHA-256 of what the citizen filed (not the proof of work, which a resend may carry anew). */
    static String fingerprint(PublicSubmission s) {
        StringBuilder b = new StringBuilder();
        for (Object o : new Object[] {s.kind(), s.fullName(), s.address(), s.email(), s.phone(), s.text(), s.topic(),
                s.collective(), s.coSigners(), s.consent()}) {
            String v = o == null ? "\u0000" : o.toString();
            b.append(v.length()).append(':').append(v).append('|');
        }
        for (Attachment a : s.documents()) {
            b.append(a == null ? "-" : a.sha256() + "/" + a.fileName()).append('|');
        }
        return ProofOfWork.sha256Hex(b.toString());
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static String address(Origin origin) {
        return origin == null || origin.clientAddress() == null ? "unknown" : origin.clientAddress();
    }

    /** The e-mail as a limit's key: hashed, so that the limiter's memory holds no address. */
    private static String emailKey(String email) {
        return email == null || email.isBlank() ? null
                : ProofOfWork.sha256Hex("email:" + email.strip().toLowerCase(Locale.ROOT));
    }

    private static Duration roundUp(Duration d) {
        long s = (d.toMillis() + 999) / 1000;
        return Duration.ofSeconds(Math.max(1, s));
    }

    /** An audit entry with the door and the client's address; should it fail, the loss is logged. */
    private void record(AuditAction action, String appealId, Origin origin, String what) {
        Origin.Via via = origin == null || origin.via() == null ? Origin.Via.PORTAL : origin.via();
        String door = via == Origin.Via.OPEN311 ? "open311" : "rest";
        String text = "public intake " + via + ": " + what;
        try {
            audit.record(new AuditEntry(0, clock.instant(), ACTOR, "", action, appealId, text,
                    door + " " + address(origin), node.nodeId()));
        } catch (RuntimeException e) {
            LOG.error("AUDIT ENTRY LOST: {} {} of appeal {} from {}: {}", action, text, appealId, address(origin),
                    e.toString());
        }
    }

    private void purge() {
        try {
            Instant now = clock.instant();
            tables.purge(now, now.minus(KEEP_KEYS));
        } catch (RuntimeException e) {
            LOG.warn("Public intake: old tokens and keys not purged: {}", e.toString());
        }
    }
}
