package ua.gov.nsoz.rest.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import javax.ws.rs.Consumes;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.NotAuthorizedException;
import javax.ws.rs.NotFoundException;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.WebApplicationException;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ua.gov.nsoz.api.FieldError;
import ua.gov.nsoz.api.ValidationException;
import ua.gov.nsoz.api.access.Operation;
import ua.gov.nsoz.api.calls.CallCenter;
import ua.gov.nsoz.api.calls.CallEvent;
import ua.gov.nsoz.api.calls.CallRecord;
import ua.gov.nsoz.api.calls.CallState;
import ua.gov.nsoz.documents.DocumentRejectedException;
import ua.gov.nsoz.documents.DocumentStore;
import ua.gov.nsoz.documents.StoredDocument;
import ua.gov.nsoz.rest.RestResource;

/**
 * The PBX's HTTP adapter (R13, issue 16; docs/calls.md): {@code POST /cti/events} (one {@link CallEvent} as JSON, or
 * an array of them) and {@code POST /cti/calls/{pbxCallId}/recording} (the audio). No user logs in: each request is
 * signed with the node's PBX secret ({@code X-NSOZ-PBX-Signature: sha256=<hex HMAC-SHA256 of the body>}), checked by
 * {@link CallCenter#signedByPbx} in constant time before anything of the body is used. A request without a good
 * signature is answered 401 and recorded in the audit log as a refused login of the actor {@code pbx} with the
 * client's address. (The operations are {@link Operation#PUBLIC} for {@link Authorize}: the signature is their
 * authentication.)
 */
@Component(service = RestResource.class)
@Path("/cti")
public class CtiResource implements RestResource {

    private static final Logger LOG = LoggerFactory.getLogger(CtiResource.class);

    /** The header of the signature. */
    static final String SIGNATURE = "X-NSOZ-PBX-Signature";
    /** The actor of the PBX in the audit log. */
    static final String ACTOR = "pbx";
    /** Most events in one request. */
    static final int MAX_EVENTS = 100;

    static final String REFUSED = "Підпис АТС не збігається / The PBX signature does not match (" + SIGNATURE
            + ": sha256=<HMAC-SHA256 of the body under the node's PBX secret>)";

    private final CallCenter calls;
    private final DocumentStore documents;
    private final Callers callers;
    private final ObjectMapper json = RestServer.objectMapper();

    /**
     * @param calls the node's call center
     * @param documents the node's documents (the recordings)
     * @param callers the audit log at this node
     */
    @Activate
    public CtiResource(@Reference CallCenter calls, @Reference DocumentStore documents, @Reference Callers callers) {
        this.calls = calls;
        this.documents = documents;
        this.callers = callers;
    }

    /** What the PBX gets back for each event: the record's id and state (nothing it did not send). */
    record Accepted(String id, String pbxCallId, CallState state) {
        static Accepted of(CallRecord r) {
            return new Accepted(r.id(), r.pbxCallId(), r.state());
        }
    }

    /**
     * @param body one event as a JSON object, or an array of at most 100 (applied in order)
     * @param signature {@code sha256=<hex>}
     * @return 200 with {@code [{id, pbxCallId, state}]}, one per event; 401 if the signature is not the body's
     * @throws IOException if the body cannot be read
     */
    @POST
    @Path("/events")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Allowed(Operation.PUBLIC)
    public List<Accepted> events(InputStream body, @HeaderParam(SIGNATURE) String signature) throws IOException {
        // At most RequestLimits.MAX_BODY bytes (256 KiB): the filter bounds the stream.
        byte[] bytes = body == null ? new byte[0] : body.readAllBytes();
        requireSigned(new ByteArrayInputStream(bytes), signature, "POST /cti/events");
        List<CallEvent> events = parse(bytes);
        List<Accepted> out = new ArrayList<>();
        for (CallEvent e : events) {
            out.add(Accepted.of(calls.accept(e)));
        }
        return out;
    }

    List<CallEvent> parse(byte[] bytes) throws JsonProcessingException, IOException {
        if (bytes.length == 0) {
            throw new ValidationException(List.of(new FieldError("body", "Потрібна подія або масив подій / An event "
                    + "or an array of events is required")));
        }
        JsonNode tree = json.readTree(bytes);
        List<CallEvent> events = new ArrayList<>();
        if (tree != null && tree.isArray()) {
            if (tree.size() > MAX_EVENTS) {
                throw new ValidationException(List.of(new FieldError("body", "Не більше " + MAX_EVENTS + " подій за "
                        + "запит / At most " + MAX_EVENTS + " events a request")));
            }
            for (JsonNode n : tree) {
                events.add(json.readerFor(CallEvent.class).readValue(json.treeAsTokens(n)));
            }
        } else if (tree != null && tree.isObject()) {
            events.add(json.readerFor(CallEvent.class).readValue(json.treeAsTokens(tree)));
        } else {
            throw new ValidationException(List.of(new FieldError("body", "Потрібна подія (об'єкт JSON) або масив "
                    + "подій / An event (a JSON object) or an array of events is required")));
        }
        return events;
    }

    /**
     * @param pbxCallId the PBX's id of the call
     * @param content the audio (WAV, MP3 or OGG, at most the document store's {@code maxBytes})
     * @param signature {@code sha256=<hex>} of the audio
     * @return 200 with {@code {id, pbxCallId, state}}; 401 bad signature; 404 unknown call; 413 too large; 415 not audio
     * @throws IOException if the body cannot be read or kept
     */
    @POST
    @Path("/calls/{pbxCallId}/recording")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Allowed(Operation.PUBLIC)
    public Accepted recording(@PathParam("pbxCallId") String pbxCallId, InputStream content,
            @HeaderParam(SIGNATURE) String signature) throws IOException {
        long max = documents.limits().maxBytes();
        java.nio.file.Path spool = Files.createTempFile("nsoz-recording-", ".tmp");
        try {
            // Kept aside until the signature is checked: nothing unauthenticated reaches the document store.
            long size = 0;
            try (OutputStream out = Files.newOutputStream(spool, StandardOpenOption.WRITE)) {
                byte[] buffer = new byte[65536];
                int n;
                while (content != null && (n = content.read(buffer)) >= 0) {
                    size += n;
                    if (size > max) {
                        throw DocumentsResource.tooLarge(max);
                    }
                    out.write(buffer, 0, n);
                }
            }
            try (InputStream in = Files.newInputStream(spool)) {
                requireSigned(in, signature, "POST /cti/calls/{pbxCallId}/recording");
            }
            if (!isAudio(spool)) {
                throw new WebApplicationException("Запис розмови має бути WAV, MP3 або OGG / A call's recording must be"
                        + " WAV, MP3 or OGG", Response.Status.UNSUPPORTED_MEDIA_TYPE);
            }
            StoredDocument doc;
            try (InputStream in = Files.newInputStream(spool)) {
                doc = documents.put(in, null);
            } catch (DocumentRejectedException e) {
                switch (e.reason()) {
                    case EMPTY -> throw new ValidationException(List.of(new FieldError("body", e.getMessage())));
                    case TOO_LARGE -> throw DocumentsResource.tooLarge(max);
                    default -> throw new WebApplicationException(e.getMessage(),
                            Response.Status.UNSUPPORTED_MEDIA_TYPE);
                }
            }
            if (!doc.mediaType().startsWith("audio/")) {
                throw new WebApplicationException("Запис розмови має бути WAV, MP3 або OGG / A call's recording must be"
                        + " WAV, MP3 or OGG", Response.Status.UNSUPPORTED_MEDIA_TYPE);
            }
            try {
                return Accepted.of(calls.recording(pbxCallId, doc.sha256()));
            } catch (NoSuchElementException e) {
                throw new NotFoundException("Виклику з таким ідентифікатором АТС немає / No call with this PBX call id");
            }
        } finally {
            Files.deleteIfExists(spool);
        }
    }

    /** The audio types by their first bytes, before the store (which tells them again, and every other type). */
    static boolean isAudio(java.nio.file.Path file) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(12);
        }
        if (head.length >= 12 && head[0] == 'R' && head[1] == 'I' && head[2] == 'F' && head[3] == 'F'
                && head[8] == 'W' && head[9] == 'A' && head[10] == 'V' && head[11] == 'E') {
            return true;
        }
        if (head.length >= 4 && head[0] == 'O' && head[1] == 'g' && head[2] == 'g' && head[3] == 'S') {
            return true;
        }
        if (head.length >= 3 && head[0] == 'I' && head[1] == 'D' && head[2] == '3') {
            return true;
        }
        return head.length >= 2 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xE0) == 0xE0;
    }

    private void requireSigned(InputStream body, String signature, String what) throws IOException {
        if (!calls.signedByPbx(body, signature)) {
            String address = Callers.clientAddress();
            LOG.warn("401 {}: the PBX signature does not match (from {})", what, address);
            callers.loginRefused(ACTOR, address, what + ": the PBX signature does not match");
            throw new NotAuthorizedException(REFUSED, "NSOZ-PBX-HMAC-SHA256");
        }
    }

    /** The name a recording is downloaded under: {@code call-<id>.<wav|mp3|ogg>}. */
    static String fileName(CallRecord call, String mediaType) {
        String ext = switch (mediaType == null ? "" : mediaType.toLowerCase(Locale.ROOT)) {
            case "audio/wav" -> "wav";
            case "audio/mpeg" -> "mp3";
            case "audio/ogg" -> "ogg";
            default -> "bin";
        };
        return "call-" + call.id() + "." + ext;
    }
}
