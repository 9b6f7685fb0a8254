package ua.gov.nsoz.rest.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.stream.Stream;
import javax.ws.rs.Consumes;
import javax.ws.rs.ForbiddenException;
import javax.ws.rs.GET;
import javax.ws.rs.NotFoundException;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.WebApplicationException;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import javax.ws.rs.core.StreamingOutput;
import javax.ws.rs.ext.ExceptionMapper;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ua.gov.nsoz.api.Appeal;
import ua.gov.nsoz.api.AppealService;
import ua.gov.nsoz.api.Attachment;
import ua.gov.nsoz.api.FieldError;
import ua.gov.nsoz.api.TooManyAttemptsException;
import ua.gov.nsoz.api.ValidationException;
import ua.gov.nsoz.api.access.AccessRules;
import ua.gov.nsoz.api.access.Operation;
import ua.gov.nsoz.api.audit.AuditAction;
import ua.gov.nsoz.documents.DocumentNotHeldException;
import ua.gov.nsoz.documents.DocumentRejectedException;
import ua.gov.nsoz.documents.DocumentStore;
import ua.gov.nsoz.documents.StoredDocument;
import ua.gov.nsoz.rest.RestResource;

/**
 * The node's documents over REST (issue 15; docs/documents.md): staff upload ({@code POST /documents}) and download
 * by an appeal that names the document ({@code GET /appeals/{id}/documents/{sha256}}, audited as a READ of the
 * appeal); the applicant's upload ({@code POST /public/documents}, throttled per client address) and download with
 * the registration number and access code ({@code GET /public/documents/{sha256}}: a wrong code, an unknown number
 * and a document the appeal does not name all get the same 404). The bodies of the two uploads may be as large as
 * the store's {@code maxBytes} ({@link RequestLimits} lets them pass; this class checks). Three root resources
 * ({@code /documents} here, {@link AppealDocuments}, {@link PublicDocuments}), each more specific than the
 * resource whose path begins like it.
 */
@Component(service = RestResource.class)
@Path("/documents")
public class DocumentsResource implements RestResource {

    private static final Logger LOG = LoggerFactory.getLogger(DocumentsResource.class);

    static final String PUBLIC_NOT_FOUND = "Звернення з таким номером і кодом доступу не знайдено або воно не містить "
            + "такого документа / No appeal with this number and access code, or it names no such document";

    private final DocumentStore store;
    private final AppealService appeals;
    private final Callers callers;
    private final UploadBudget budget;

    /**
     * @param store the node's documents
     * @param appeals the appeal service
     * @param callers the scope rules and audit log at this node
     */
    @Activate
    public DocumentsResource(@Reference DocumentStore store, @Reference AppealService appeals,
            @Reference Callers callers) {
        this(store, appeals, callers, new UploadBudget(System::currentTimeMillis));
    }

    DocumentsResource(DocumentStore store, AppealService appeals, Callers callers, UploadBudget budget) {
        this.store = store;
        this.appeals = appeals;
        this.callers = callers;
        this.budget = budget;
    }

    /** What an upload answers: the attachment that names the document in an appeal or an answer. */
    record AttachmentJson(String fileName, String mediaType, long sizeBytes, String sha256) {
        static AttachmentJson of(Attachment a) {
            return new AttachmentJson(a.fileName(), a.mediaType(), a.sizeBytes(), a.sha256());
        }
    }

    // ---- staff -------------------------------------------------------------------------------------------------

    /**
     * @param name the file's name
     * @param content the raw bytes
     * @param headers for the declared length
     * @return 201 with the attachment
     */
    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Allowed(Operation.APPEAL_ACT)
    public Response upload(@QueryParam("name") String name, InputStream content, @Context HttpHeaders headers) {
        return Response.status(201).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(AttachmentJson.of(store(name, content, headers))).build();
    }

    /**
     * @param id an appeal id or registration number
     * @param sha256 the document
     * @param security who is calling
     * @return the file
     */
    Response download(String id, String sha256, SecurityContext security) {
        Appeal appeal = AppealResource.found(appeals, id);
        AccessRules.Caller caller = callers.of(security);
        String what = "GET /appeals/{id}/documents/{sha256}";
        callers.requireScope(caller, appeal, what);
        if (!AccessRules.seesPersonalData(caller, appeal)) {
            // The file is the applicant's own writing: whoever sees the appeal masked does not read it.
            callers.record(caller, AuditAction.DENIED, appeal.id(), what);
            throw new ForbiddenException("Документи цього звернення вам недоступні / The documents of this appeal are "
                    + "not available to your roles");
        }
        String sha = normalized(sha256);
        Attachment named = named(appeal, sha).orElseThrow(() -> new NotFoundException(
                "Звернення не містить такого документа / The appeal names no such document"));
        StoredDocument doc = store.find(sha).orElseThrow(() -> new NotFoundException(
                "Документа немає на цьому вузлі / This node does not hold the document"));
        callers.record(caller, AuditAction.READ, appeal.id(), what);
        return file(doc, named.fileName());
    }

    // ---- public ------------------------------------------------------------------------------------------------

    /**
     * @param name the file's name
     * @param content the raw bytes
     * @param headers for the declared length
     * @return 201 with the attachment; 429 while the client's address has used its budget of uploads
     */
    Response publicUpload(String name, InputStream content, HttpHeaders headers) {
        String address = Callers.clientAddress();
        long wait = budget.waitFor(address);
        if (wait > 0) {
            throw new TooManyAttemptsException("Забагато завантажень з вашої адреси; спробуйте пізніше / Too many "
                    + "uploads from your address; try again later", Duration.ofMillis(wait));
        }
        long declared = headers == null ? -1 : headers.getLength();
        try {
            Attachment a = store(name, content, headers);
            budget.charge(address, a.sizeBytes());
            return Response.status(201).type(MediaType.APPLICATION_JSON_TYPE).entity(AttachmentJson.of(a)).build();
        } catch (RuntimeException e) {
            // A refused upload costs too (else large refused bodies would be free).
            budget.charge(address, Math.max(0, declared));
            throw e;
        }
    }

    /**
     * @param sha256 the document
     * @param number the registration number
     * @param code the access code
     * @return the file, if that appeal names it (its attachments or its answer's documents)
     */
    Response publicDownload(String sha256, String number, String code) {
        List<FieldError> errors = new ArrayList<>();
        if (number == null || number.isBlank()) {
            errors.add(new FieldError("number", "Обов'язкове поле: реєстраційний номер / Required: the registration "
                    + "number"));
        }
        if (code == null || code.isBlank()) {
            errors.add(new FieldError("code", "Обов'язкове поле: код доступу / Required: the access code"));
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        // The access code is checked as the status lookup checks it (and counted: 429 after too many wrong codes).
        if (appeals.publicStatus(number, code).isEmpty()) {
            throw new NotFoundException(PUBLIC_NOT_FOUND);
        }
        String sha = normalized(sha256);
        Appeal appeal = appeals.findByRegistrationNumber(number.trim())
                .or(() -> appeals.find(number.trim())).orElseThrow(() -> new NotFoundException(PUBLIC_NOT_FOUND));
        Attachment named = named(appeal, sha).orElseThrow(() -> new NotFoundException(PUBLIC_NOT_FOUND));
        StoredDocument doc = store.find(sha).orElseThrow(() -> new NotFoundException(PUBLIC_NOT_FOUND));
        return file(doc, named.fileName());
    }

    // ---- shared ------------------------------------------------------------------------------------------------

    private Attachment store(String name, InputStream content, HttpHeaders headers) {
        String fileName = fileName(name);
        long max = store.limits().maxBytes();
        if (headers != null && headers.getLength() > max) {
            throw tooLarge(max);
        }
        try {
            return store.put(content, fileName).attachment(fileName);
        } catch (DocumentRejectedException e) {
            switch (e.reason()) {
                case EMPTY -> throw new ValidationException(List.of(new FieldError("body", e.getMessage())));
                case TOO_LARGE -> throw tooLarge(max);
                default -> throw new WebApplicationException(e.getMessage(), Response.Status.UNSUPPORTED_MEDIA_TYPE);
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot store the document: " + e.getMessage(), e);
        }
    }

    static WebApplicationException tooLarge(long max) {
        return new WebApplicationException("Файл більший за " + max + " байтів / The file is larger than " + max
                + " bytes", Response.Status.REQUEST_ENTITY_TOO_LARGE);
    }

    /** The name the sender gave, without folders or control characters; required, at most 255 characters. */
    static String fileName(String name) {
        String n = name == null ? "" : name.replace('\\', '/');
        n = n.substring(n.lastIndexOf('/') + 1).replaceAll("\\p{Cntrl}", "").trim();
        if (n.isEmpty() || n.equals(".") || n.equals("..")) {
            throw new ValidationException(List.of(new FieldError("name", "Обов'язкове поле: назва файлу / Required: "
                    + "the file's name")));
        }
        if (n.length() > 255) {
            throw new ValidationException(List.of(new FieldError("name", "Не довше 255 символів / At most 255 "
                    + "characters")));
        }
        return n;
    }

    private static String normalized(String sha256) {
        String s = sha256 == null ? "" : sha256.trim().toLowerCase(java.util.Locale.ROOT);
        if (!s.matches("[0-9a-f]{64}")) {
            throw new NotFoundException("Документа немає / No such document");
        }
        return s;
    }

    /** The attachment of the appeal, or of its answer, that names the document. */
    static Optional<Attachment> named(Appeal appeal, String sha) {
        return Stream.concat(appeal.attachments().stream(), appeal.processing().answerDocuments().stream())
                .filter(a -> sha.equalsIgnoreCase(a.sha256())).findFirst();
    }

    private Response file(StoredDocument doc, String fileName) {
        StreamingOutput body = out -> {
            try (InputStream in = store.open(doc.sha256())) {
                in.transferTo(out);
            } catch (NoSuchElementException e) {
                LOG.warn("Document {} went away while it was sent", doc.sha256());
                throw new IOException("document gone", e);
            }
        };
        return Response.ok(body).type(doc.mediaType()).header("Content-Length", doc.sizeBytes())
                .header("Content-Disposition", disposition(fileName))
                .header("X-Content-Type-Options", "nosniff")
                .header("Cache-Control", "private, no-store").build();
    }

    /** {@code attachment} with an ASCII fallback name and the exact name in RFC 5987 form. */
    static String disposition(String fileName) {
        String ascii = fileName.replaceAll("[^\\x20-\\x7E]", "_").replace("\"", "_").replace("\\", "_");
        return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''"
                + URLEncoder.encode(fileName, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /**
     * {@code /appeals/{id}/documents/{sha256}}: its own root resource, so that it is matched before
     * {@link AppealResource}'s {@code /appeals}.
     */
    @Component(service = RestResource.class)
    @Path("/appeals/{id}/documents")
    public static class AppealDocuments implements RestResource {

        private final DocumentsResource documents;

        /**
         * @param store the node's documents
         * @param appeals the appeal service
         * @param callers the scope rules and audit log at this node
         */
        @Activate
        public AppealDocuments(@Reference DocumentStore store, @Reference AppealService appeals,
                @Reference Callers callers) {
            this.documents = new DocumentsResource(store, appeals, callers, null);
        }

        /**
         * @param id an appeal id or registration number
         * @param sha256 the document
         * @param security who is calling
         * @return the file
         */
        @GET
        @Path("/{sha256}")
        @Produces(MediaType.WILDCARD)
        @Allowed(Operation.APPEAL_READ)
        public Response download(@PathParam("id") String id, @PathParam("sha256") String sha256,
                @Context SecurityContext security) {
            return documents.download(id, sha256, security);
        }
    }

    /** {@code /public/documents}: the applicant's upload and download. */
    @Component(service = RestResource.class)
    @Path("/public/documents")
    public static class PublicDocuments implements RestResource {

        private final DocumentsResource documents;

        /**
         * @param store the node's documents
         * @param appeals the appeal service
         * @param callers the scope rules and audit log at this node
         */
        @Activate
        public PublicDocuments(@Reference DocumentStore store, @Reference AppealService appeals,
                @Reference Callers callers) {
            this.documents = new DocumentsResource(store, appeals, callers,
                    new UploadBudget(System::currentTimeMillis));
        }

        /**
         * @param name the file's name
         * @param content the raw bytes
         * @param headers for the declared length
         * @return 201 with the attachment; 429 while the client's address has used its budget of uploads
         */
        @POST
        @Consumes(MediaType.WILDCARD)
        @Produces(MediaType.APPLICATION_JSON)
        @Allowed(Operation.PUBLIC)
        public Response upload(@QueryParam("name") String name, InputStream content, @Context HttpHeaders headers) {
            return documents.publicUpload(name, content, headers);
        }

        /**
         * @param sha256 the document
         * @param number the registration number
         * @param code the access code
         * @return the file, if that appeal names it (its attachments or its answer's documents)
         */
        @GET
        @Path("/{sha256}")
        @Produces(MediaType.WILDCARD)
        @Allowed(Operation.PUBLIC)
        public Response download(@PathParam("sha256") String sha256, @QueryParam("number") String number,
                @QueryParam("code") String code) {
            return documents.publicDownload(sha256, number, code);
        }
    }

    /** An attachment that names a document this node does not hold: 422 naming the field. */
    static final class NotHeld implements ExceptionMapper<DocumentNotHeldException> {
        @Override
        public Response toResponse(DocumentNotHeldException e) {
            LOG.warn("422 attachment(s) naming no document held here: {}",
                    e.errors().stream().map(FieldError::field).toList());
            return ErrorMappers.answer(422, "Запит містить помилки / The request has errors", e.errors(), null);
        }
    }

    /**
     * The public uploads' budget per client address, in the style of {@link ClientThrottle}: each address has
     * {@link #CAPACITY} tokens, refilled one per {@link #REFILL_MILLIS}; an upload costs one token and one more per
     * started MiB. While an address has less than one token, its uploads are refused (429) with the wait.
     */
    static final class UploadBudget {

        static final double CAPACITY = 60;
        static final long REFILL_MILLIS = 10_000;
        private static final int MAX_KEYS = 100_000;

        private final LongSupplier millis;
        private final Map<String, double[]> states = new ConcurrentHashMap<>();

        UploadBudget(LongSupplier millis) {
            this.millis = millis;
        }

        /** @return milliseconds until the address may upload again, 0 if now */
        long waitFor(String address) {
            double tokens = tokens(address, millis.getAsLong());
            return tokens >= 1 ? 0 : (long) Math.ceil((1 - tokens) * REFILL_MILLIS);
        }

        /** Takes the cost of an upload of this size. */
        void charge(String address, long bytes) {
            long now = millis.getAsLong();
            if (states.size() >= MAX_KEYS) {
                states.entrySet().removeIf(e -> tokens(e.getValue(), now) >= CAPACITY);
                if (states.size() >= MAX_KEYS) {
                    states.clear();
                }
            }
            double cost = 1 + Math.ceil(bytes / (1024.0 * 1024.0));
            states.compute(address, (k, s) -> new double[] {tokens(s, now) - cost, now});
        }

        private double tokens(String address, long now) {
            return tokens(states.get(address), now);
        }

        private static double tokens(double[] s, long now) {
            if (s == null) {
                return CAPACITY;
            }
            return Math.min(CAPACITY, s[0] + (now - (long) s[1]) / (double) REFILL_MILLIS);
        }
    }
}
