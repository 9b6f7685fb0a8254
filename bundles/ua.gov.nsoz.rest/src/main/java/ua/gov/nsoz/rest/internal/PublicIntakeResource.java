package ua.gov.nsoz.rest.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Supplier;
import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import ua.gov.nsoz.api.Appeal;
import ua.gov.nsoz.api.AppealKind;
import ua.gov.nsoz.api.Attachment;
import ua.gov.nsoz.api.FieldError;
import ua.gov.nsoz.api.ValidationException;
import ua.gov.nsoz.api.access.Operation;
import ua.gov.nsoz.intake.Challenge;
import ua.gov.nsoz.intake.Origin;
import ua.gov.nsoz.intake.PublicIntake;
import ua.gov.nsoz.intake.PublicSubmission;
import ua.gov.nsoz.intake.Receipt;
import ua.gov.nsoz.rest.RestResource;

/**
 * {@code /api/v1/public/challenge} and {@code /api/v1/public/appeals}: a citizen files an appeal with no account
 * (issue 15, docs/intake.md). The intake asks for a proof of work, limits submissions per client address and per
 * e-mail (429 with Retry-After), answers a resend with the same {@code Idempotency-Key} with the first registration
 * (200, {@code "repeated":true}), and refuses only what its checks and the consent refuse (422).
 */
@Component(service = RestResource.class)
@Path("/public/appeals")
@Produces(MediaType.APPLICATION_JSON)
public class PublicIntakeResource implements RestResource {

    /** The longest User-Agent kept for the origin. */
    static final int MAX_USER_AGENT = 200;

    private final PublicIntake intake;
    private final Supplier<String> clientAddress;

    /** @param intake the public intake */
    @Activate
    public PublicIntakeResource(@Reference PublicIntake intake) {
        this(intake, Callers::clientAddress);
    }

    PublicIntakeResource(PublicIntake intake, Supplier<String> clientAddress) {
        this.intake = intake;
        this.clientAddress = clientAddress;
    }

    /** A proof-of-work puzzle. */
    record ChallengeJson(String token, int difficultyBits, Instant expiresAt) {
    }

    /** What a citizen files. */
    record AppealForm(AppealKind kind, String fullName, String address, String email, String phone, String text,
            String topic, Boolean collective, Integer coSigners, Boolean consent, List<Dto.AttachmentJson> documents,
            String challengeToken, String nonce) {
    }

    /** The registration: the number and the access code, given once (and again to a resend of the same key). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ReceiptJson(String registrationNumber, String accessCode, Instant registeredAt, LocalDate dueDate,
            List<Dto.MarkJson> marks, boolean repeated) {

        static ReceiptJson of(Receipt r) {
            Appeal a = r.appeal();
            return new ReceiptJson(a.registrationNumber(), r.accessCode(), a.registeredAt(),
                    a.processing().dueDate(), Dto.marksOf(a), r.repeated());
        }
    }

    /**
     * {@code /api/v1/public/challenge}, a root of its own: CXF takes two root resources with the same path as one
     * (its ClassResourceInfoComparator), so no two resources here share one (RootPathsTest).
     */
    @Component(service = RestResource.class)
    @Path("/public/challenge")
    @Produces(MediaType.APPLICATION_JSON)
    public static class Challenges implements RestResource {

        private final PublicIntake intake;
        private final Supplier<String> clientAddress;

        /** @param intake the public intake */
        @Activate
        public Challenges(@Reference PublicIntake intake) {
            this(intake, Callers::clientAddress);
        }

        Challenges(PublicIntake intake, Supplier<String> clientAddress) {
            this.intake = intake;
            this.clientAddress = clientAddress;
        }

        /**
         * @param userAgent the client's User-Agent
         * @return a puzzle to solve before {@code POST /public/appeals}
         */
        @GET
        @Allowed(Operation.PUBLIC)
        public ChallengeJson challenge(@HeaderParam("User-Agent") String userAgent) {
            Challenge c = intake.challenge(origin(clientAddress.get(), userAgent));
            return new ChallengeJson(c.token(), c.difficultyBits(), c.expiresAt());
        }
    }

    /**
     * @param form the appeal, with the solved puzzle
     * @param key the client's key of this submission
     * @param userAgent the client's User-Agent
     * @return 201 with the receipt; 200 for a resend of the same key; 422 naming the fields; 429 with Retry-After
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Allowed(Operation.PUBLIC)
    public Response submit(AppealForm form, @HeaderParam("Idempotency-Key") String key,
            @HeaderParam("User-Agent") String userAgent) {
        if (form == null) {
            return unprocessable(List.of(new FieldError("body", "Очікується JSON-об'єкт звернення / Expected a JSON "
                    + "object describing the appeal")));
        }
        List<Attachment> docs = form.documents() == null ? List.of()
                : form.documents().stream().map(d -> d == null ? null
                        : new Attachment(d.fileName(), d.mediaType(), d.sizeBytes() == null ? 0 : d.sizeBytes(),
                                d.sha256())).toList();
        PublicSubmission s = new PublicSubmission(form.kind(), form.fullName(), form.address(), form.email(),
                form.phone(), form.text(), form.topic(), Boolean.TRUE.equals(form.collective()), form.coSigners(),
                Boolean.TRUE.equals(form.consent()), docs, form.challengeToken(), form.nonce(),
                key == null || key.isEmpty() ? null : key);
        try {
            Receipt r = intake.submit(s, origin(clientAddress.get(), userAgent));
            return Response.status(r.repeated() ? 200 : 201).type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(ReceiptJson.of(r)).build();
        } catch (ValidationException e) {
            return unprocessable(e.errors());
        }
    }

    /** 422 in the shape of every error answer, naming each field. */
    static Response unprocessable(List<FieldError> errors) {
        return ErrorMappers.answer(422, "Звернення не може бути прийняте в такому вигляді / The appeal cannot be "
                + "accepted as it is", errors, null);
    }

    static Origin origin(String clientAddress, String userAgent) {
        String ua = userAgent == null ? null
                : userAgent.replaceAll("\\p{Cntrl}", "?");
        if (ua != null && ua.length() > MAX_USER_AGENT) {
            ua = ua.substring(0, MAX_USER_AGENT);
        }
        return new Origin(clientAddress, ua, Origin.Via.PORTAL);
    }
}
