package ua.gov.nsoz.rest.internal;

import ua.gov.nsoz.api.access.Operation;
import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.NotFoundException;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import java.util.List;
import java.util.NoSuchElementException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import ua.gov.nsoz.api.AppealService;
import ua.gov.nsoz.api.FieldError;
import ua.gov.nsoz.api.PublicStatus;
import ua.gov.nsoz.api.ValidationException;
import ua.gov.nsoz.rest.RestResource;

/**
 * {@code /api/v1/public}: what an applicant can do with the registration number and the access code given at
 * registration (R8), with no account: see where the appeal stands (with how its term was computed, and the answer
 * and its documents once given: issue 15), rate the answer. Reveals no personal data and not the appeal's text; an
 * unknown number and a wrong code get the same answer.
 */
@Component(service = RestResource.class)
@Path("/public")
@Produces(MediaType.APPLICATION_JSON)
public class PublicResource implements RestResource {

    private static final String NOT_FOUND = "Звернення з таким номером і кодом доступу не знайдено "
            + "/ No appeal with this number and access code";

    private final AppealService appeals;

    /** @param appeals the appeal service */
    @Activate
    public PublicResource(@Reference AppealService appeals) {
        this.appeals = appeals;
    }

    /** What the applicant sees (the api record, without absent fields). */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    record PublicStatusJson(String registrationNumber, ua.gov.nsoz.api.AppealKind kind,
            ua.gov.nsoz.api.AppealStatus status, java.time.Instant registeredAt, String bodyName,
            java.time.LocalDate dueDate, ua.gov.nsoz.api.AnswerResult result, java.time.Instant answeredAt,
            Integer rating, boolean canRate, String dueDateExplanation, String answer,
            List<Dto.AttachmentJson> answerDocuments) {

        static PublicStatusJson of(PublicStatus p) {
            return new PublicStatusJson(p.registrationNumber(), p.kind(), p.status(), p.registeredAt(), p.bodyName(),
                    p.dueDate(), p.result(), p.answeredAt(), p.rating(), p.canRate(), p.dueDateExplanation(),
                    p.answer(), p.answerDocuments().stream().map(Dto.AttachmentJson::of).toList());
        }
    }

    /** The rating request. */
    record RatingRequest(String number, String code, Integer rating, String comment) {
    }

    /**
     * @param number the registration number
     * @param code the access code
     * @return where the appeal stands
     */
    @GET
    @Path("/status")
    @Allowed(Operation.PUBLIC)
    public PublicStatusJson status(@QueryParam("number") String number, @QueryParam("code") String code) {
        required(number, code);
        return appeals.publicStatus(number, code).map(PublicStatusJson::of)
                .orElseThrow(() -> new NotFoundException(NOT_FOUND));
    }

    /**
     * @param r number, code, rating 1–5 and an optional comment
     * @return 200 with the new status if this node registered the appeal, 202 if the rating went to the node that did
     */
    @POST
    @Path("/rating")
    @Consumes(MediaType.APPLICATION_JSON)
    @Allowed(Operation.PUBLIC)
    public Response rate(RatingRequest r) {
        if (r == null) {
            throw new ValidationException(List.of(new FieldError("body", "Очікується JSON-об'єкт / Expected a JSON "
                    + "object with number, code and rating")));
        }
        required(r.number(), r.code());
        if (r.rating() == null) {
            throw new ValidationException(List.of(new FieldError("rating", "Обов'язкове поле: оцінка від 1 до 5 "
                    + "/ Required: a rating from 1 to 5")));
        }
        try {
            AppealService.ActionResult result = appeals.rate(r.number(), r.code(), r.rating(), r.comment());
            PublicStatus now = appeals.publicStatus(r.number(), r.code()).orElseThrow();
            return Response.status(result.applied() ? 200 : 202).entity(PublicStatusJson.of(now)).build();
        } catch (NoSuchElementException e) {
            throw new NotFoundException(NOT_FOUND);
        }
    }

    private static void required(String number, String code) {
        List<FieldError> errors = new java.util.ArrayList<>();
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
    }
}
