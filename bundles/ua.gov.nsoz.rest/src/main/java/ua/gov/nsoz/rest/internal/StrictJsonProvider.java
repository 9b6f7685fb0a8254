package ua.gov.nsoz.rest.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.jaxrs.json.JacksonJsonProvider;
import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.List;
import javax.ws.rs.BadRequestException;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.MultivaluedMap;
import ua.gov.nsoz.api.FieldError;
import ua.gov.nsoz.api.ValidationException;

/**
 * The API's JSON: the strict mapper for answers and for request bodies, and for a request record (every body of the
 * API is one) the body is read as a tree first and checked against the record's shape ({@link JsonShape}), so that
 * a 400 names every unknown field and every wrong value at once; only a body that passes is bound. Malformed JSON
 * (a syntax error, a duplicate key, trailing tokens, too deep) is still the parser's error, named "body".
 */
final class StrictJsonProvider extends JacksonJsonProvider {

    private final ObjectMapper mapper;
    private final JsonShape shape;

    /** @param mapper the strict mapper ({@link RestServer#objectMapper()}) */
    StrictJsonProvider(ObjectMapper mapper) {
        super(mapper);
        this.mapper = mapper;
        this.shape = new JsonShape(mapper);
    }

    @Override
    public Object readFrom(Class<Object> type, Type genericType, Annotation[] annotations, MediaType mediaType,
            MultivaluedMap<String, String> httpHeaders, InputStream entityStream) throws IOException {
        if (!type.isRecord()) {
            return super.readFrom(type, genericType, annotations, mediaType, httpHeaders, entityStream);
        }
        return read(entityStream, genericType == null ? type : genericType);
    }

    /**
     * @param in the request body
     * @param type the request record
     * @return the bound record, or null for an empty body or a JSON null (the resource says what it expected)
     * @throws IOException malformed JSON (a {@link com.fasterxml.jackson.core.JsonProcessingException}: 400 "body")
     * @throws BadRequestException whose cause is a {@link ValidationException} naming every problem
     */
    Object read(InputStream in, Type type) throws IOException {
        JsonNode tree = mapper.readTree(in);
        if (tree == null || tree.isMissingNode() || tree.isNull()) {
            return null;
        }
        List<FieldError> errors = shape.check(tree, type);
        if (!errors.isEmpty()) {
            // A WebApplicationException passes CXF's reader handling unchanged; ErrorMappers answers its cause.
            throw new BadRequestException("Запит містить помилки / The request has errors",
                    new ValidationException(errors));
        }
        return mapper.readerFor(mapper.constructType(type)).readValue(tree);
    }
}
