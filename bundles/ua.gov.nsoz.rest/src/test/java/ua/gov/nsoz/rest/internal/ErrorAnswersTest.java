package ua.gov.nsoz.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Set;
import javax.ws.rs.BadRequestException;
import javax.ws.rs.NotAllowedException;
import javax.ws.rs.NotFoundException;
import javax.ws.rs.NotSupportedException;
import javax.ws.rs.core.Response;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import ua.gov.nsoz.api.AppealQuery;
import ua.gov.nsoz.api.FieldError;
import ua.gov.nsoz.api.ValidationException;

/**
 * Every error the API answers is JSON in the documented form and in both languages: JAX-RS's own 404, 405 and 415,
 * the field errors of a body, unknown query parameters, the page size's bounds; and GET /api/v1 points to the
 * OpenAPI document.
 */
@DisplayName("REST: every error is bilingual JSON naming what was wrong")
class ErrorAnswersTest {

    private static Dto.ErrorJson error(Response r) {
        assertEquals("application/json", r.getMediaType().toString());
        return assertInstanceOf(Dto.ErrorJson.class, r.getEntity());
    }

    private static void assertBilingual(String message) {
        assertTrue(message.contains(" / ") && message.chars().anyMatch(c -> c >= 'А' && c <= 'я'), message);
    }

    @Test
    @DisplayName("JAX-RS's English-only 404, 405, 415 and 406 become bilingual; 404 and 405 point to openapi.json")
    void jaxRsAnswersAreBilingual() {
        ErrorMappers.Web web = new ErrorMappers.Web();
        Response notFound = web.toResponse(new NotFoundException());
        assertEquals(404, notFound.getStatus());
        Dto.ErrorJson e = error(notFound);
        assertEquals(404, e.status());
        assertBilingual(e.message());
        assertTrue(e.message().contains("/api/v1/openapi.json"), e.message());

        Response unsupported = web.toResponse(new NotSupportedException());
        assertEquals(415, unsupported.getStatus());
        assertBilingual(error(unsupported).message());
        assertTrue(error(unsupported).message().contains("Content-Type: application/json"));

        Response notAllowed = web.toResponse(new NotAllowedException(Response.status(405).header("Allow", "GET, POST").build()));
        assertEquals(405, notAllowed.getStatus());
        assertBilingual(error(notAllowed).message());
        assertTrue(notAllowed.getHeaderString("Allow").contains("POST"), "the Allow header is kept");

        assertBilingual(error(web.toResponse(new javax.ws.rs.NotAcceptableException())).message());
    }

    @Test
    @DisplayName("A message of ours is kept as it is")
    void ownMessagesKept() {
        Response r = new ErrorMappers.Web().toResponse(new NotFoundException("Звернення не знайдено / No appeal x"));
        assertEquals("Звернення не знайдено / No appeal x", error(r).message());
        Response reason = new ErrorMappers.Web().toResponse(new BadRequestException("the queue is not a DLQ"));
        assertEquals("the queue is not a DLQ", error(reason).message(), "a reason from below is not thrown away");
    }

    @Test
    @DisplayName("The field errors a body reader raised are answered as a 400 listing each, whichever mapper CXF picks")
    void readerFieldErrors() {
        ValidationException v = new ValidationException(List.of(new FieldError("chanel", "a / b"),
                new FieldError("txt", "c / d")));
        Response web = new ErrorMappers.Web().toResponse(new BadRequestException("x / y", v));
        assertEquals(400, web.getStatus());
        assertEquals(List.of("chanel", "txt"), error(web).errors().stream().map(FieldError::field).toList());
        Response fault = new ErrorMappers.Fault().toResponse(new RuntimeException(new BadRequestException("x", v)));
        assertEquals(400, fault.getStatus(), "wrapped once more it is still the caller's error, not a 500");
        assertEquals(2, error(fault).errors().size());
        assertNull(error(fault).incident());
    }

    @Test
    @DisplayName("An unknown query parameter is named, with the one meant; an operation without any says so")
    void unknownQueryParameters() throws NoSuchMethodException {
        Method search = null;
        for (Method m : AppealResource.class.getMethods()) {
            if (m.getName().equals("search")) {
                search = m;
            }
        }
        Set<String> declared = KnownQueryParameters.declared(search);
        assertEquals(Set.of("status", "kind", "channel", "region", "from", "to", "q", "offset", "limit", "body"),
                declared);
        List<FieldError> errors = KnownQueryParameters.unknown(declared, List.of("staus", "limit", "colour"));
        assertEquals(List.of("colour", "staus"), errors.stream().map(FieldError::field).toList());
        assertTrue(errors.get(1).message().contains("'status'"), errors.get(1).message());
        errors.forEach(f -> assertBilingual(f.message()));
        assertEquals(List.of(), KnownQueryParameters.unknown(declared, List.of("status", "q", "")));
        Method node = NodeResource.class.getMethod("info");
        List<FieldError> none = KnownQueryParameters.unknown(KnownQueryParameters.declared(node), List.of("x"));
        assertTrue(none.get(0).message().contains("takes none"), none.toString());
    }

    @Test
    @DisplayName("The page size is 1 to AppealQuery.MAX_LIMIT, and the 400 says so; every bad parameter at once")
    void limitBounds() {
        List<FieldError> errors = new java.util.ArrayList<>();
        assertEquals(20, Params.parseLimit(errors, "limit", null, 20, AppealQuery.MAX_LIMIT));
        assertEquals(AppealQuery.MAX_LIMIT, Params.parseLimit(errors, "limit", "" + AppealQuery.MAX_LIMIT, 20,
                AppealQuery.MAX_LIMIT));
        assertEquals(List.of(), errors);
        Params.parseLimit(errors, "limit", "501", 20, AppealQuery.MAX_LIMIT);
        Params.parseLimit(errors, "limit", "0", 20, AppealQuery.MAX_LIMIT);
        Params.parseOffset(errors, "offset", "-1");
        assertEquals(List.of("limit", "limit", "offset"), errors.stream().map(FieldError::field).toList());
        assertTrue(errors.get(0).message().contains("1 and 500"), errors.get(0).message());
        assertBilingual(errors.get(0).message());
    }

    @Test
    @DisplayName("GET /api/v1 points to openapi.json (200, public); another method there is a bilingual 405")
    void apiIndex() {
        Response index = ApiIndex.answer("GET");
        assertEquals(200, index.getStatus());
        ApiIndex.IndexJson i = assertInstanceOf(ApiIndex.IndexJson.class, index.getEntity());
        assertEquals("/api/v1/openapi.json", i.openapi());
        assertBilingual(i.message());
        Response post = ApiIndex.answer("POST");
        assertEquals(405, post.getStatus());
        assertEquals("GET, HEAD", post.getHeaderString("Allow"));
        assertBilingual(error(post).message());
    }
}
