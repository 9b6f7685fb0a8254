package ua.gov.nsoz.open311.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ua.gov.nsoz.api.AppealKind;
import ua.gov.nsoz.api.AppealService;
import ua.gov.nsoz.api.FieldError;
import ua.gov.nsoz.api.LegalMark;
import ua.gov.nsoz.api.NodeIdentity;
import ua.gov.nsoz.api.PublicStatus;
import ua.gov.nsoz.api.TooManyAttemptsException;
import ua.gov.nsoz.api.ValidationException;
import ua.gov.nsoz.api.reference.ReferenceData;
import ua.gov.nsoz.api.reference.Topic;
import ua.gov.nsoz.intake.Origin;
import ua.gov.nsoz.intake.PublicIntake;
import ua.gov.nsoz.intake.PublicSubmission;
import ua.gov.nsoz.intake.Receipt;
import ua.gov.nsoz.open311.internal.Wire.Doc;
import ua.gov.nsoz.open311.internal.Wire.Format;
import ua.gov.nsoz.open311.internal.Wire.Items;

/**
 * The GeoReport v2 methods over NSOZ (docs/open311.md): the classifier's topics as services, a public submission as a
 * service request (through {@link PublicIntake}, proof of work and limits included), the public status of an appeal
 * as a service request's status (with its access code, never more than {@code /api/v1/public/status} shows). No HTTP
 * here: {@link Open311Servlet} turns a request into a {@link Call} and writes the {@link Answer}.
 */
final class GeoReport {

    private static final Logger LOG = LoggerFactory.getLogger(GeoReport.class);

    /** Kyiv: the offset every datetime is given with. */
    static final ZoneId KYIV = ZoneId.of("Europe/Kyiv");
    static final String KIND = "attribute[kind]";
    private static final Pattern CODE = Pattern.compile("[0-9A-Za-z][0-9A-Za-z._-]{0,31}");
    private static final Pattern NUMBER = Pattern.compile("[A-Z0-9]{1,10}-\\d{4}-\\d{1,9}");
    private static final int MAX_LOOKUPS = 20;
    private static final String ALLOW_REQUESTS = "GET, POST";

    private final ReferenceData reference;
    private final NodeIdentity node;
    private final AppealService appeals;
    private final PublicIntake intake;

    /**
     * @param reference the classifier (services)
     * @param node this node (its id is the jurisdiction_id)
     * @param appeals the public status lookup
     * @param intake where submissions go
     */
    GeoReport(ReferenceData reference, NodeIdentity node, AppealService appeals, PublicIntake intake) {
        this.reference = reference;
        this.node = node;
        this.appeals = appeals;
        this.intake = intake;
    }

    /**
     * One HTTP request as this class needs it.
     *
     * @param method GET, POST, …
     * @param path the path below {@code /open311}, e.g. {@code /v2/services.json}
     * @param params query and form parameters (first value of each counts)
     * @param contentType the request's Content-Type, or null
     * @param idempotencyKey the Idempotency-Key header, or null
     * @param origin who asks
     */
    record Call(String method, String path, Map<String, List<String>> params, String contentType,
            String idempotencyKey, Origin origin) {

        String param(String name) {
            List<String> v = params.get(name);
            if (v == null || v.isEmpty() || v.get(0) == null) {
                return null;
            }
            String s = v.get(0).strip();
            return s.isEmpty() ? null : s;
        }
    }

    /**
     * @param status the HTTP status
     * @param format the body's format
     * @param doc the body
     * @param headers extra headers (Allow, Retry-After)
     */
    record Answer(int status, Format format, Doc doc, Map<String, String> headers) {
        Answer(int status, Format format, Doc doc) {
            this(status, format, doc, Map.of());
        }
    }

    /**
     * @param call the request
     * @return the answer, never an exception
     */
    Answer handle(Call call) {
        String path = call.path() == null ? "" : call.path();
        if (!path.startsWith("/v2/")) {
            return error(404, Format.XML, "Такого ресурсу немає: GeoReport v2 — за адресою /open311/v2/ / No such "
                    + "resource: GeoReport v2 is at /open311/v2/");
        }
        String rest = path.substring("/v2/".length());
        int dot = rest.lastIndexOf('.');
        Format format = dot < 0 ? null : Format.of(rest.substring(dot + 1).toLowerCase(Locale.ROOT));
        if (format == null) {
            return error(404, Format.XML, "Вкажіть формат розширенням .xml або .json / Give the format as the "
                    + "extension .xml or .json");
        }
        String resource = rest.substring(0, dot);
        String jurisdiction = call.param("jurisdiction_id");
        if (jurisdiction != null && !jurisdiction.equals(node.nodeId())) {
            return error(404, format, "jurisdiction_id не знайдено: цей вузол — «" + node.nodeId() + "» / "
                    + "jurisdiction_id not found: this node is '" + node.nodeId() + "'");
        }
        try {
            boolean read = "GET".equals(call.method()) || "HEAD".equals(call.method());
            if (resource.equals("services")) {
                return read ? services(format) : notAllowed(format, "GET");
            }
            if (resource.startsWith("services/") && resource.indexOf('/', 9) < 0) {
                return read ? definition(resource.substring(9), format) : notAllowed(format, "GET");
            }
            if (resource.equals("requests")) {
                if ("POST".equals(call.method())) {
                    return post(call, format);
                }
                return read ? requests(call, format) : notAllowed(format, ALLOW_REQUESTS);
            }
            if (resource.startsWith("requests/") && resource.indexOf('/', 9) < 0) {
                return read ? request(resource.substring(9), call, format) : notAllowed(format, "GET");
            }
            return error(404, format, "Такого ресурсу немає / No such resource");
        } catch (TooManyAttemptsException e) {
            long seconds = Math.max(1, e.retryAfter().toSeconds());
            return new Answer(429, format, errors(429, e.getMessage()),
                    Map.of("Retry-After", Long.toString(seconds)));
        } catch (RuntimeException e) {
            String incident = UUID.randomUUID().toString();
            LOG.error("Open311 {} {} failed, incident {}", call.method(), resource.replaceAll("/.*", "/…"),
                    incident, e);
            return error(500, format, "Внутрішня помилка, інцидент " + incident + " / Internal error, incident "
                    + incident);
        }
    }

    private static Answer notAllowed(Format format, String allow) {
        return new Answer(405, format, errors(405, "Метод не підтримується; тут лише " + allow
                + " / Method not allowed; only " + allow + " here"), Map.of("Allow", allow));
    }

    // --- services ---------------------------------------------------------------------------------------------

    Answer services(Format format) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (Topic t : reference.topics()) {
            list.add(service(t));
        }
        return new Answer(200, format, new Doc("services", new Items("service", list)));
    }

    private Map<String, Object> service(Topic t) {
        Topic heading = t.parentCode() == null ? t : reference.topic(t.parentCode()).orElse(t);
        Map<String, Object> s = Wire.fields();
        s.put("service_code", t.code());
        s.put("service_name", t.nameUk() + " / " + t.nameEn());
        s.put("description", "Звернення громадян на тему «" + t.nameUk() + "» (Закон «Про звернення громадян») "
                + "/ Citizens' appeals on " + t.nameEn() + " (Law 'On citizens' appeals')");
        s.put("metadata", true);
        s.put("type", "realtime");
        s.put("keywords", heading == t ? t.nameEn() : t.nameEn() + ", " + heading.nameEn());
        s.put("group", heading.nameUk() + " / " + heading.nameEn());
        return s;
    }

    Answer definition(String code, Format format) {
        Optional<Topic> topic = reference.topic(code);
        if (topic.isEmpty()) {
            return error(404, format, "service_code не знайдено: " + safe(code) + " / service_code not found: "
                    + safe(code));
        }
        List<Map<String, Object>> values = new ArrayList<>();
        for (AppealKind k : AppealKind.values()) {
            Map<String, Object> v = Wire.fields();
            v.put("key", k.name());
            v.put("name", k.labelUk() + " / " + k.labelEn());
            values.add(v);
        }
        Map<String, Object> kind = Wire.fields();
        kind.put("variable", true);
        kind.put("code", "kind");
        kind.put("datatype", "singlevaluelist");
        kind.put("required", false);
        kind.put("datatype_description", "Вид звернення (ст. 3 Закону); типово — заява / The kind of appeal (Art. 3 "
                + "of the Law); APPLICATION if not given");
        kind.put("order", 1);
        kind.put("description", "Пропозиція, заява чи скарга / A proposal, an application or a complaint");
        kind.put("values", new Items("value", values));
        Map<String, Object> d = Wire.fields();
        d.put("service_code", topic.get().code());
        d.put("attributes", new Items("attribute", List.of(kind)));
        return new Answer(200, format, new Doc("service_definition", d));
    }

    // --- POST requests ----------------------------------------------------------------------------------------

    Answer post(Call call, Format format) {
        String type = call.contentType() == null ? "" : call.contentType().toLowerCase(Locale.ROOT);
        if (!type.startsWith("application/x-www-form-urlencoded")) {
            return error(400, format, "Очікується Content-Type: application/x-www-form-urlencoded / Expected "
                    + "Content-Type: application/x-www-form-urlencoded");
        }
        String code = call.param("service_code");
        if (code == null || !CODE.matcher(code).matches()) {
            return error(400, format, "service_code: обов'язкове поле, код теми з переліку services / Required: a "
                    + "topic code from the services list");
        }
        if (reference.topic(code).isEmpty()) {
            return error(404, format, "service_code не знайдено: " + code + " / service_code not found: " + code);
        }
        List<String> problems = new ArrayList<>();
        if (call.param("media_url") != null) {
            problems.add("media_url: цей вузол не завантажує файли за посиланням; додайте документ на порталі "
                    + "вузла / This node fetches no media by URL; add documents through the node's portal");
        }
        AppealKind kind = AppealKind.APPLICATION;
        String k = call.param(KIND);
        if (k != null) {
            try {
                kind = AppealKind.valueOf(k.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                problems.add(KIND + ": одне з PROPOSAL, APPLICATION, COMPLAINT / One of PROPOSAL, APPLICATION, "
                        + "COMPLAINT");
            }
        }
        String location = location(call, problems);
        String consent = call.param("consent");
        if (consent != null && !consent.equalsIgnoreCase("true") && !consent.equalsIgnoreCase("false")) {
            problems.add("consent: true або false / true or false");
        }
        if (!problems.isEmpty()) {
            return new Answer(400, format, errors(400, problems.toArray(String[]::new)));
        }
        String description = call.param("description");
        String text = description == null ? null
                : location == null ? description : description + "\n\nМісце / Location: " + location;
        String first = call.param("first_name");
        String last = call.param("last_name");
        String fullName = first == null ? last : last == null ? first : first + " " + last;
        PublicSubmission s = new PublicSubmission(kind, fullName, call.param("applicant_address"),
                call.param("email"), call.param("phone"), text, code, false, null,
                "true".equalsIgnoreCase(consent), List.of(), call.param("challenge_token"), call.param("nonce"),
                call.idempotencyKey());
        Receipt r;
        try {
            r = intake.submit(s, call.origin());
        } catch (ValidationException e) {
            List<String> d = new ArrayList<>();
            for (FieldError f : e.errors()) {
                d.add(field(f.field()) + ": " + f.message());
            }
            return new Answer(400, format, errors(400, d.toArray(String[]::new)));
        }
        Map<String, Object> m = Wire.fields();
        m.put("service_request_id", r.appeal().registrationNumber());
        m.put("service_notice", notice(r));
        m.put("account_id", r.accessCode());
        return new Answer(r.repeated() ? 200 : 201, format,
                new Doc("service_requests", new Items("request", List.of(m))));
    }

    /** @return the place of the issue as text for the appeal (address_string, address_id, lat/long), or null */
    private static String location(Call call, List<String> problems) {
        List<String> parts = new ArrayList<>();
        if (call.param("address_string") != null) {
            parts.add(call.param("address_string"));
        }
        if (call.param("address_id") != null) {
            parts.add("address_id " + call.param("address_id"));
        }
        String lat = call.param("lat");
        String lon = call.param("long");
        if (lat != null || lon != null) {
            Double la = degrees(lat, 90);
            Double lo = degrees(lon, 180);
            if (la == null || lo == null) {
                problems.add("lat, long: обидва, десяткові градуси WGS84 / Both, decimal degrees WGS84");
            } else {
                parts.add(String.format(Locale.ROOT, "%.6f, %.6f (WGS84)", la, lo));
            }
        }
        return parts.isEmpty() ? null : String.join("; ", parts);
    }

    private static Double degrees(String s, double limit) {
        if (s == null) {
            return null;
        }
        try {
            double d = Double.parseDouble(s);
            return Double.isFinite(d) && Math.abs(d) <= limit ? d : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The intake's field names as an Open311 client knows them. */
    static String field(String intakeField) {
        if (intakeField == null) {
            return "request";
        }
        return switch (intakeField) {
            case "text" -> "description";
            case "fullName" -> "first_name, last_name";
            case "address" -> "applicant_address";
            case "topic" -> "service_code";
            case "kind" -> KIND;
            case "challengeToken" -> "challenge_token";
            case "documents" -> "media_url";
            default -> intakeField.startsWith("applicant.") ? field(intakeField.substring(10)) : intakeField;
        };
    }

    private static String notice(Receipt r) {
        StringBuilder uk = new StringBuilder("Зареєстровано за номером ").append(r.appeal().registrationNumber());
        StringBuilder en = new StringBuilder("Registered as ").append(r.appeal().registrationNumber());
        LocalDate due = r.appeal().processing().dueDate();
        if (due != null) {
            uk.append("; строк розгляду — до ").append(due);
            en.append("; to be considered by ").append(due);
        }
        uk.append(". Код доступу (account_id) потрібен, щоб стежити за зверненням: збережіть його.");
        en.append(". Keep the access code (account_id): it is needed to follow the appeal.");
        for (LegalMark mark : r.appeal().marks()) {
            uk.append(' ').append(mark.messageUk()).append(" (ст. ").append(mark.article()).append(").");
            en.append(' ').append(mark.messageEn()).append(" (Art. ").append(mark.article()).append(").");
        }
        return uk + " / " + en;
    }

    // --- GET requests -----------------------------------------------------------------------------------------

    Answer requests(Call call, Format format) {
        String ids = call.param("service_request_id");
        String codes = call.param("access_code");
        if (ids == null || codes == null) {
            return error(400, format, "Цей вузол не показує переліків звернень: вкажіть service_request_id і "
                    + "access_code (через кому, в тому ж порядку) / This node lists no appeals: give "
                    + "service_request_id and access_code (comma separated, in the same order)");
        }
        String[] n = ids.split(",", -1);
        String[] c = codes.split(",", -1);
        if (n.length != c.length || n.length > MAX_LOOKUPS) {
            return error(400, format, "service_request_id і access_code: однакова кількість, не більше "
                    + MAX_LOOKUPS + " / The same number of each, at most " + MAX_LOOKUPS);
        }
        List<Map<String, Object>> list = new ArrayList<>();
        for (int i = 0; i < n.length; i++) {
            lookup(n[i].strip(), c[i].strip()).ifPresent(list::add);
        }
        return new Answer(200, format, new Doc("service_requests", new Items("request", list)));
    }

    Answer request(String number, Call call, Format format) {
        String code = call.param("access_code");
        if (code == null) {
            return error(400, format, "access_code: обов'язковий параметр, код доступу, виданий при реєстрації / "
                    + "Required: the access code given at registration");
        }
        return lookup(number, code)
                .map(m -> new Answer(200, format, new Doc("service_requests", new Items("request", List.of(m)))))
                .orElseGet(() -> error(404, format, "Звернення з таким номером і кодом доступу не знайдено / No "
                        + "appeal with this number and access code"));
    }

    private Optional<Map<String, Object>> lookup(String number, String code) {
        if (!NUMBER.matcher(number).matches() || code.isEmpty()) {
            return Optional.empty();
        }
        return appeals.publicStatus(number, code).map(GeoReport::status);
    }

    /** The public status as a service request: nothing {@code /api/v1/public/status} does not show. */
    static Map<String, Object> status(PublicStatus p) {
        Map<String, Object> m = Wire.fields();
        m.put("service_request_id", p.registrationNumber());
        m.put("status", p.status().isOpen() ? "open" : "closed");
        StringBuilder notes = new StringBuilder(p.status().labelUk());
        StringBuilder en = new StringBuilder(p.status().labelEn());
        if (p.result() != null) {
            notes.append(": ").append(p.result().labelUk());
            en.append(": ").append(p.result().labelEn());
        }
        m.put("status_notes", notes + " / " + en);
        m.put("service_name", null);
        m.put("service_code", null);
        m.put("description", null);
        m.put("agency_responsible", p.bodyName());
        m.put("service_notice", null);
        m.put("requested_datetime", datetime(p.registeredAt()));
        m.put("updated_datetime", datetime(p.answeredAt() != null ? p.answeredAt() : p.registeredAt()));
        m.put("expected_datetime", p.dueDate() == null ? null
                : datetime(p.dueDate().atTime(LocalTime.of(23, 59, 59)).atZone(KYIV).toInstant()));
        m.put("address", null);
        m.put("address_id", null);
        m.put("zipcode", null);
        m.put("lat", null);
        m.put("long", null);
        m.put("media_url", null);
        return m;
    }

    /** @return ISO 8601 with Kyiv's offset, to the second, e.g. {@code 2026-01-07T10:15:30+02:00} */
    static String datetime(Instant t) {
        return t == null ? null
                : OffsetDateTime.ofInstant(t.truncatedTo(ChronoUnit.SECONDS), KYIV)
                        .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }

    // --- errors -----------------------------------------------------------------------------------------------

    static Answer error(int status, Format format, String description) {
        return new Answer(status, format, errors(status, description));
    }

    static Doc errors(int code, String... descriptions) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (String d : descriptions) {
            Map<String, Object> e = Wire.fields();
            e.put("code", code);
            e.put("description", d);
            list.add(e);
        }
        return new Doc("errors", new Items("error", list));
    }

    /** @return a client's value cut and cleaned for an error message */
    private static String safe(String s) {
        String t = s.replaceAll("[^0-9A-Za-z._-]", "?");
        return t.length() > 32 ? t.substring(0, 32) + "…" : t;
    }
}
