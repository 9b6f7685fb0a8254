package ua.gov.nsoz.rest.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import javax.ws.rs.ForbiddenException;
import javax.ws.rs.NotFoundException;
import javax.ws.rs.WebApplicationException;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.StreamingOutput;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import ua.gov.nsoz.api.AnswerResult;
import ua.gov.nsoz.api.Appeal;
import ua.gov.nsoz.api.AppealKind;
import ua.gov.nsoz.api.AppealService;
import ua.gov.nsoz.api.AppealStatus;
import ua.gov.nsoz.api.Applicant;
import ua.gov.nsoz.api.ApplicantType;
import ua.gov.nsoz.api.Attachment;
import ua.gov.nsoz.api.Channel;
import ua.gov.nsoz.api.FieldError;
import ua.gov.nsoz.api.Processing;
import ua.gov.nsoz.api.PublicStatus;
import ua.gov.nsoz.api.TooManyAttemptsException;
import ua.gov.nsoz.api.ValidationException;
import ua.gov.nsoz.api.audit.AuditAction;
import ua.gov.nsoz.api.audit.AuditEntry;
import ua.gov.nsoz.documents.DocumentLimits;
import ua.gov.nsoz.documents.DocumentNotHeldException;
import ua.gov.nsoz.documents.DocumentRejectedException;
import ua.gov.nsoz.documents.DocumentStore;
import ua.gov.nsoz.documents.StoredDocument;

/** {@code /documents}, {@code /appeals/{id}/documents/{sha256}}, {@code /public/documents[/{sha256}]} (issue 15). */
@DisplayName("REST: documents: upload (staff, public, throttled), download by the appeal that names them, audited")
class DocumentsResourceTest {

    static final Instant T = Instant.parse("2026-03-02T09:00:00Z");
    static final byte[] PDF = "%PDF-1.4\n% synthetic\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
    static final byte[] ANSWER_PDF = "%PDF-1.4\n% the body's answer\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
    static final String NUMBER = "LV-2026-000001";
    static final String CODE = "ABCDE-FGHJK";

    /** An in-memory store: PDF by its magic, everything else refused as the real store refuses it. */
    static final class MemoryStore implements DocumentStore {
        final Map<String, byte[]> files = new HashMap<>();

        @Override
        public StoredDocument put(InputStream content, String fileName) throws DocumentRejectedException, IOException {
            byte[] b = content.readNBytes(1025);
            if (b.length == 0) {
                throw new DocumentRejectedException(DocumentRejectedException.Reason.EMPTY, "Порожній / Empty");
            }
            if (b.length > 1024) {
                throw new DocumentRejectedException(DocumentRejectedException.Reason.TOO_LARGE, "Завеликий / Too large");
            }
            if (!new String(b, StandardCharsets.ISO_8859_1).startsWith("%PDF-") || !fileName.endsWith(".pdf")) {
                throw new DocumentRejectedException(DocumentRejectedException.Reason.TYPE_NOT_ALLOWED,
                        "Тип не дозволено / Type not allowed");
            }
            String sha = sha(b);
            files.put(sha, b);
            return new StoredDocument(sha, "application/pdf", b.length, T);
        }

        @Override
        public Optional<StoredDocument> find(String sha256) {
            byte[] b = files.get(sha256);
            return b == null ? Optional.empty() : Optional.of(new StoredDocument(sha256, "application/pdf", b.length, T));
        }

        @Override
        public InputStream open(String sha256) {
            byte[] b = files.get(sha256);
            if (b == null) {
                throw new NoSuchElementException(sha256);
            }
            return new ByteArrayInputStream(b);
        }

        @Override
        public DocumentLimits limits() {
            return new DocumentLimits(1024, 10, List.of("application/pdf"));
        }
    }

    static String sha(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    final MemoryStore store = new MemoryStore();
    final List<AuditEntry> audit = new ArrayList<>();
    final AtomicLong millis = new AtomicLong(1_000_000);
    final List<String> statusLookups = new ArrayList<>();
    Appeal appeal;

    final AppealService appeals = (AppealService) Proxy.newProxyInstance(AppealService.class.getClassLoader(),
            new Class<?>[] {AppealService.class}, (p, m, a) -> switch (m.getName()) {
                case "find", "get" -> appeal != null && (appeal.id().equals(a[0])
                        || appeal.registrationNumber().equals(a[0])) ? Optional.of(appeal) : Optional.empty();
                case "findByRegistrationNumber" -> appeal != null && appeal.registrationNumber().equals(a[0])
                        ? Optional.of(appeal) : Optional.empty();
                case "publicStatus" -> {
                    statusLookups.add(a[0] + " " + a[1]);
                    if ("LOCKED-2026-000001".equals(a[0])) {
                        throw new TooManyAttemptsException("Забагато / Too many", Duration.ofMinutes(30));
                    }
                    yield NUMBER.equals(a[0]) && CODE.equals(a[1]) ? Optional.of(publicStatus()) : Optional.empty();
                }
                default -> throw new UnsupportedOperationException(m.getName());
            });

    static PublicStatus publicStatus() {
        // Only its presence matters to the resource.
        java.lang.reflect.RecordComponent[] parts = PublicStatus.class.getRecordComponents();
        Object[] values = new Object[parts.length];
        Class<?>[] types = new Class<?>[parts.length];
        for (int i = 0; i < parts.length; i++) {
            types[i] = parts[i].getType();
            if (types[i] == boolean.class) {
                values[i] = Boolean.FALSE;
            } else if (types[i] == int.class) {
                values[i] = Integer.valueOf(0);
            } else if (types[i] == long.class) {
                values[i] = Long.valueOf(0);
            }
        }
        try {
            return PublicStatus.class.getDeclaredConstructor(types).newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    final DocumentsResource resource = new DocumentsResource(store, appeals,
            new Callers(CallersTest.node("lviv"), CallersTest.audit(audit)),
            new DocumentsResource.UploadBudget(millis::get));

    static final BasicAuth.UserContext OPERATOR = StatsResourceTest.as("operator", "nsoz-operator");
    static final BasicAuth.UserContext ANALYST = StatsResourceTest.as("analyst", "nsoz-analyst");
    static final BasicAuth.UserContext OTHER_BODY = StatsResourceTest.as("clerk", "nsoz-clerk", "nsoz-body-MON");

    Appeal appealNaming(String attachmentSha, String answerSha) {
        Processing processing = Processing.NONE.toBuilder().answer(AnswerResult.SATISFIED, "Відповідь",
                answerSha == null ? List.of() : List.of(new Attachment("vidpovid.pdf", "application/pdf", 1, answerSha)),
                T).build();
        return new Appeal("id-1", NUMBER, "lviv", "UA-46", AppealKind.COMPLAINT, Channel.WEB,
                new Applicant(ApplicantType.CITIZEN, "Тестенко Марія", "м. Львів, вул. Синтетична, 1",
                        "maria@example.org", null),
                "Синтетичний текст", null, null, false, null, false, null,
                List.of(new Attachment("akt.pdf", "application/pdf", PDF.length, attachmentSha)), Set.of(),
                AppealStatus.ANSWERED, 3, T, T, T, processing);
    }

    static byte[] body(Response r) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ((StreamingOutput) r.getEntity()).write(out);
        return out.toByteArray();
    }

    static int status(Runnable call) {
        WebApplicationException e = assertThrows(WebApplicationException.class, call::run);
        return e.getResponse().getStatus();
    }

    @Test
    @DisplayName("Staff upload: 201 with the attachment (name cleaned of folders); the same content twice, same sha")
    void staffUpload() {
        Response r = resource.upload("C:\\scans\\akt.pdf", new ByteArrayInputStream(PDF), null);
        assertEquals(201, r.getStatus());
        DocumentsResource.AttachmentJson a = (DocumentsResource.AttachmentJson) r.getEntity();
        assertEquals(new DocumentsResource.AttachmentJson("akt.pdf", "application/pdf", PDF.length, sha(PDF)), a);
        assertEquals(a, resource.upload("akt.pdf", new ByteArrayInputStream(PDF), null).getEntity());
        assertEquals(1, store.files.size());
    }

    @Test
    @DisplayName("Upload refusals: empty 400 on body, too large 413, wrong type 415, no name 400 on name")
    void uploadRefusals() {
        ValidationException empty = assertThrows(ValidationException.class,
                () -> resource.upload("a.pdf", new ByteArrayInputStream(new byte[0]), null));
        assertEquals("body", empty.errors().get(0).field());
        assertEquals(413, status(() -> resource.upload("a.pdf", new ByteArrayInputStream(new byte[2000]), null)));
        assertEquals(415, status(() -> resource.upload("a.pdf", new ByteArrayInputStream(new byte[] {'M', 'Z'}),
                null)));
        ValidationException noName = assertThrows(ValidationException.class,
                () -> resource.upload("  ", new ByteArrayInputStream(PDF), null));
        assertEquals("name", noName.errors().get(0).field());
        assertTrue(store.files.isEmpty());
    }

    @Test
    @DisplayName("Staff download: the file with its type, name, nosniff; audited as a READ of the appeal")
    void staffDownload() throws IOException {
        store.files.put(sha(PDF), PDF);
        appeal = appealNaming(sha(PDF), null);
        Response r = resource.download("id-1", sha(PDF).toUpperCase(), OPERATOR);
        assertEquals(200, r.getStatus());
        assertEquals("application/pdf", r.getMediaType().toString());
        assertEquals("nosniff", r.getHeaderString("X-Content-Type-Options"));
        assertTrue(r.getHeaderString("Content-Disposition").startsWith("attachment; filename=\"akt.pdf\""),
                r.getHeaderString("Content-Disposition"));
        assertArrayEquals(PDF, body(r));
        assertEquals(1, audit.size());
        assertEquals(AuditAction.READ, audit.get(0).action());
        assertEquals("id-1", audit.get(0).appealId());
    }

    @Test
    @DisplayName("Staff download refused: out of scope 403, masked view 403 (both audited DENIED), not named 404, "
            + "unknown appeal 404, named but not held 404")
    void staffDownloadRefused() {
        store.files.put(sha(PDF), PDF);
        appeal = appealNaming(sha(PDF), null);
        assertThrows(ForbiddenException.class, () -> resource.download("id-1", sha(PDF), OTHER_BODY));
        assertThrows(ForbiddenException.class, () -> resource.download("id-1", sha(PDF), ANALYST));
        assertEquals(List.of(AuditAction.DENIED, AuditAction.DENIED), audit.stream().map(AuditEntry::action).toList());
        audit.clear();
        assertThrows(NotFoundException.class, () -> resource.download("id-1", sha(ANSWER_PDF), OPERATOR));
        assertThrows(NotFoundException.class, () -> resource.download("id-2", sha(PDF), OPERATOR));
        assertThrows(NotFoundException.class, () -> resource.download("id-1", "../../etc/passwd", OPERATOR));
        appeal = appealNaming(sha(ANSWER_PDF), null);
        assertThrows(NotFoundException.class, () -> resource.download("id-1", sha(ANSWER_PDF), OPERATOR));
        assertTrue(audit.isEmpty(), audit.toString());
    }

    @Test
    @DisplayName("Public download: with number and code the attachment and the answer's document; a wrong code, an "
            + "unknown number and a document not named all get the same 404")
    void publicDownload() throws IOException {
        store.files.put(sha(PDF), PDF);
        store.files.put(sha(ANSWER_PDF), ANSWER_PDF);
        store.files.put(sha("%PDF-other".getBytes(StandardCharsets.US_ASCII)), new byte[] {1});
        appeal = appealNaming(sha(PDF), sha(ANSWER_PDF));
        assertArrayEquals(PDF, body(resource.publicDownload(sha(PDF), NUMBER, CODE)));
        Response answer = resource.publicDownload(sha(ANSWER_PDF), NUMBER, CODE);
        assertArrayEquals(ANSWER_PDF, body(answer));
        assertTrue(answer.getHeaderString("Content-Disposition").contains("vidpovid.pdf"));
        NotFoundException wrongCode = assertThrows(NotFoundException.class,
                () -> resource.publicDownload(sha(PDF), NUMBER, "WRONG-CODE1"));
        NotFoundException unknown = assertThrows(NotFoundException.class,
                () -> resource.publicDownload(sha(PDF), "LV-2026-999999", CODE));
        NotFoundException notNamed = assertThrows(NotFoundException.class, () -> resource.publicDownload(
                sha("%PDF-other".getBytes(StandardCharsets.US_ASCII)), NUMBER, CODE));
        assertEquals(wrongCode.getMessage(), unknown.getMessage());
        assertEquals(wrongCode.getMessage(), notNamed.getMessage());
        assertTrue(statusLookups.contains(NUMBER + " WRONG-CODE1"), "the code is checked by the status lookup");
        assertTrue(audit.isEmpty());
    }

    @Test
    @DisplayName("Public download: missing number and code 400 naming both; a locked number 429 as the status lookup")
    void publicDownloadErrors() {
        ValidationException missing = assertThrows(ValidationException.class,
                () -> resource.publicDownload(sha(PDF), null, " "));
        assertEquals(List.of("number", "code"), missing.errors().stream().map(FieldError::field).toList());
        assertThrows(TooManyAttemptsException.class,
                () -> resource.publicDownload(sha(PDF), "LOCKED-2026-000001", CODE));
    }

    @Test
    @DisplayName("Public upload: 201; past the address's budget 429 with the wait; the budget comes back with time")
    void publicUploadThrottled() {
        assertEquals(201, resource.publicUpload("akt.pdf", new ByteArrayInputStream(PDF), null).getStatus());
        int allowed = 1;
        TooManyAttemptsException refused = null;
        for (int i = 0; i < 100 && refused == null; i++) {
            try {
                resource.publicUpload("akt.pdf", new ByteArrayInputStream(PDF), null);
                allowed++;
            } catch (TooManyAttemptsException e) {
                refused = e;
            }
        }
        assertTrue(refused != null, "refused at last");
        // 60 tokens, each small upload costs 2 (one for the upload, one for its started MiB).
        assertEquals(30, allowed);
        assertTrue(refused.retryAfter().toMillis() > 0);
        millis.addAndGet(DocumentsResource.UploadBudget.REFILL_MILLIS * 2);
        assertEquals(201, resource.publicUpload("akt.pdf", new ByteArrayInputStream(PDF), null).getStatus());
    }

    @Test
    @DisplayName("Refused public uploads use the budget too")
    void refusedUploadsCount() {
        for (int i = 0; i < 100; i++) {
            try {
                resource.publicUpload("a.pdf", new ByteArrayInputStream(new byte[] {'M', 'Z'}), null);
            } catch (WebApplicationException e) {
                assertEquals(415, e.getResponse().getStatus());
            } catch (TooManyAttemptsException e) {
                return;
            }
        }
        throw new AssertionError("never throttled");
    }

    @Test
    @DisplayName("An attachment naming a document not held: 422 with the field; Content-Disposition is RFC 5987")
    void notHeldAndDisposition() {
        Response r = new DocumentsResource.NotHeld().toResponse(new DocumentNotHeldException(
                List.of(DocumentNotHeldException.notHeld("attachments[0].sha256"))));
        assertEquals(422, r.getStatus());
        Dto.ErrorJson e = (Dto.ErrorJson) r.getEntity();
        assertEquals("attachments[0].sha256", e.errors().get(0).field());
        assertEquals("attachment; filename=\"___ .pdf\"; filename*=UTF-8''%D0%B0%D0%BA%D1%82%20.pdf",
                DocumentsResource.disposition("акт .pdf"));
    }

    static javax.ws.rs.container.ContainerRequestContext request(String method, String path) {
        javax.ws.rs.core.UriInfo uri = (javax.ws.rs.core.UriInfo) Proxy.newProxyInstance(
                javax.ws.rs.core.UriInfo.class.getClassLoader(), new Class<?>[] {javax.ws.rs.core.UriInfo.class},
                (p, m, a) -> "getPath".equals(m.getName()) ? path : null);
        return (javax.ws.rs.container.ContainerRequestContext) Proxy.newProxyInstance(
                javax.ws.rs.container.ContainerRequestContext.class.getClassLoader(),
                new Class<?>[] {javax.ws.rs.container.ContainerRequestContext.class}, (p, m, a) -> switch (m.getName()) {
                    case "getMethod" -> method;
                    case "getUriInfo" -> uri;
                    case "getLength" -> 1024 * 1024;
                    default -> null;
                });
    }

    @Test
    @DisplayName("RequestLimits: the two uploads pass the 256 KiB cap (the store's maxBytes applies); others do not")
    void requestLimitsLetUploadsThrough() {
        RequestLimits limits = new RequestLimits();
        limits.filter(request("POST", "documents"));
        limits.filter(request("POST", "/public/documents"));
        for (javax.ws.rs.container.ContainerRequestContext other : List.of(request("POST", "appeals"),
                request("PUT", "documents"), request("POST", "public/documents/x"), request("POST", "public/appeals"))) {
            assertEquals(413, status(() -> limits.filter(other)));
        }
    }
}
