package ua.gov.nsoz.rest.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import javax.ws.rs.WebApplicationException;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.ext.ExceptionMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ua.gov.nsoz.api.FieldError;
import ua.gov.nsoz.api.ValidationException;
import ua.gov.nsoz.rest.internal.Dto.ErrorJson;

/**
 * Every failure becomes a JSON answer that says what was wrong. Client errors are logged at WARN
 * without a stack; a server fault at ERROR with an incident id the caller can quote.
 */
final class ErrorMappers {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorMappers.class);

    private ErrorMappers() {
    }

    static List<Object> all() {
        return List.of(new Validation(), new Json(), new Web(), new TooManyAttempts(), new Refused(), new Fault(),
                new DocumentsResource.NotHeld());
    }

    static Response answer(int status, String message, List<FieldError> errors, String incident) {
        Response.Status s = Response.Status.fromStatusCode(status);
        String reason = s == null ? "Error" : s.getReasonPhrase();
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ErrorJson(status, reason, message, errors, incident)).build();
    }

    /** Field errors from the domain rules: 400. */
    static final class Validation implements ExceptionMapper<ValidationException> {
        @Override
        public Response toResponse(ValidationException e) {
            LOG.warn("400 {} field error(s): {}", e.errors().size(),
                    e.errors().stream().map(FieldError::field).toList());
            return answer(400, "Запит містить помилки / The request has errors", e.errors(), null);
        }
    }

    /** Malformed or mistyped JSON: 400 naming the field. */
    static final class Json implements ExceptionMapper<JsonProcessingException> {
        @Override
        public Response toResponse(JsonProcessingException e) {
            return jsonError(e);
        }
    }

    static Response jsonError(JsonProcessingException e) {
        String field = "body";
        String message;
        if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            field = path(m);
        }
        if (e instanceof UnrecognizedPropertyException u) {
            message = "Невідоме поле / Unknown field '" + u.getPropertyName() + "'";
        } else if (e instanceof InvalidFormatException f && f.getTargetType() != null && f.getTargetType().isEnum()) {
            message = "Невідоме значення / Unknown value '" + f.getValue() + "'; expected one of "
                    + Arrays.toString(f.getTargetType().getEnumConstants());
        } else if (e instanceof MismatchedInputException m && !m.getPath().isEmpty()) {
            message = "Неправильний тип значення / Wrong type of value"
                    + (m.getTargetType() == null ? "" : ", expected " + simpleType(m.getTargetType()));
        } else if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            message = "Неправильне значення / Invalid value";
        } else {
            message = "Некоректний JSON / Malformed JSON"
                    + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
                            + e.getLocation().getColumnNr());
        }
        LOG.warn("400 unreadable JSON at {}", field);
        return answer(400, "Запит містить помилки / The request has errors", List.of(new FieldError(field, message)),
                null);
    }

    private static String simpleType(Class<?> type) {
        if (type == String.class) {
            return "a string";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "a number";
        }
        if (List.class.isAssignableFrom(type)) {
            return "an array";
        }
        if (type == java.time.Instant.class) {
            return "an instant like 2026-01-31T10:00:00Z";
        }
        return "an object";
    }

    private static String path(JsonMappingException m) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : m.getPath()) {
            if (r.getFieldName() != null) {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.length() == 0 ? "body" : sb.toString();
    }

    /** Where the API describes itself: every 404 points there. */
    static final String OPENAPI = "/api" + RestServer.ADDRESS + "/openapi.json";

    /**
     * @param status an HTTP status
     * @param allow the methods the resource allows (for a 405), or null
     * @return the bilingual message for an answer JAX-RS made with no message of ours (CXF's are English only)
     */
    static String defaultMessage(int status, String allow) {
        return switch (status) {
            case 400 -> "Некоректний запит / Bad request";
            case 401 -> "Потрібна автентифікація / Authentication required (HTTP Basic, the node's users)";
            case 403 -> "Заборонено / Forbidden";
            case 404 -> "Немає такого ресурсу; операції API описано в " + OPENAPI + " / No such resource; the API's "
                    + "operations are described at " + OPENAPI;
            case 405 -> "Метод не дозволено для цього ресурсу" + (allow == null ? "" : "; дозволено: " + allow)
                    + " / Method not allowed for this resource" + (allow == null ? "" : "; allowed: " + allow)
                    + "; see " + OPENAPI;
            case 406 -> "Відповіді API: application/json; статистика також text/csv, image/png, image/svg+xml, звіти "
                    + "application/pdf / The API answers application/json; statistics also text/csv, image/png, "
                    + "image/svg+xml, reports application/pdf (Accept)";
            case 409 -> "Конфлікт / Conflict";
            case 413 -> "Тіло запиту завелике / Request body too large";
            case 415 -> "Тіло запиту має бути JSON із заголовком Content-Type: application/json / The request body "
                    + "must be JSON, sent with Content-Type: application/json";
            default -> {
                Response.Status s = Response.Status.fromStatusCode(status);
                String reason = s == null ? "Error" : s.getReasonPhrase();
                yield "Помилка запиту (" + status + ") / " + reason;
            }
        };
    }

    /**
     * @return whether a message is one JAX-RS made up ("HTTP 404 Not Found": English, and says nothing the status does
     *         not), to be replaced by {@link #defaultMessage}; every message of ours is kept
     */
    static boolean generic(String message) {
        return message == null || message.isBlank() || message.matches("HTTP \\d{3}( .*)?");
    }

    /**
     * JAX-RS answers (404, 405, 406, 415, 413 …), in JSON and in both languages; unwraps the JSON and field errors a
     * body reader raised.
     */
    static final class Web implements ExceptionMapper<WebApplicationException> {
        @Override
        public Response toResponse(WebApplicationException e) {
            for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
                if (t instanceof JsonProcessingException j) {
                    return jsonError(j);
                }
                if (t instanceof ValidationException v) {
                    return new Validation().toResponse(v);
                }
            }
            int status = e.getResponse().getStatus();
            if (status == 503) {
                // Said on purpose (a part of the node is not running): no incident.
                LOG.warn("503 {}", e.getMessage());
                return answer(status, generic(e.getMessage()) ? "Сервіс тимчасово недоступний / Service unavailable"
                        : e.getMessage(), null, null);
            }
            if (status >= 500) {
                return Fault.fault(e);
            }
            String allow = e.getResponse().getHeaderString("Allow");
            String message = generic(e.getMessage()) ? defaultMessage(status, allow) : e.getMessage();
            LOG.warn("{} {}", status, message);
            Response r = answer(status, message, null, null);
            if (status == 401) {
                return Response.fromResponse(r).header("WWW-Authenticate", "Basic realm=\"nsoz\"").build();
            }
            return allow == null ? r : Response.fromResponse(r).header("Allow", allow).build();
        }
    }

    /** The scope rules refused (AccessRules): 403, said on purpose. */
    static final class Refused implements ExceptionMapper<SecurityException> {
        @Override
        public Response toResponse(SecurityException e) {
            LOG.warn("403 {}", e.getMessage());
            return answer(403, e.getMessage(), null, null);
        }
    }

    /** The public lookup of one number is closed for a while (said on purpose: no incident, no number logged). */
    static final class TooManyAttempts implements ExceptionMapper<ua.gov.nsoz.api.TooManyAttemptsException> {
        @Override
        public Response toResponse(ua.gov.nsoz.api.TooManyAttemptsException e) {
            return Response.fromResponse(answer(429, e.getMessage(), null, null))
                    .header("Retry-After", Math.max(1, e.retryAfter().toSeconds())).build();
        }
    }

    /** Anything else is our fault: 500 with an incident id, the stack in the log. */
    static final class Fault implements ExceptionMapper<Throwable> {
        @Override
        public Response toResponse(Throwable e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof JsonProcessingException j) {
                    return jsonError(j);
                }
                if (t instanceof ValidationException v) {
                    return new Validation().toResponse(v);
                }
                if (t instanceof java.util.NoSuchElementException) {
                    return answer(404, "Звернення не знайдено / No such appeal: " + t.getMessage(), null, null);
                }

            }
            return fault(e);
        }

        static Response fault(Throwable e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t.getClass().getName().endsWith("EofException")) {
                    // The client went away while we answered: nothing is wrong with the node.
                    LOG.debug("Client closed the connection before the answer was written");
                    return answer(500, "Client disconnected", null, null);
                }
            }
            String incident = UUID.randomUUID().toString();
            LOG.error("500 incident {}", incident, e);
            return answer(500, "Внутрішня помилка вузла / Internal error of the node; quote incident " + incident,
                    null, incident);
        }
    }
}
