package ua.gov.nsoz.rest.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import ua.gov.nsoz.api.FieldError;

/**
 * Checks a JSON tree against the shape of the request record it is to become, and names every problem at once: each
 * unknown field, each value of the wrong type (a number, boolean, object or array where text is expected is one),
 * each value outside its enumeration, with its path ({@code applicant.type}, {@code attachments[2].sizeBytes}).
 * Jackson stops at the first; a request that passes here binds with the strict mapper, and the intake's own rules
 * (what is required, lengths, formats) run on the bound value as before.
 */
final class JsonShape {

    private final ObjectMapper mapper;

    /** @param mapper the strict mapper: it parses dates and instants exactly as binding will */
    JsonShape(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /**
     * @param root the request body as a tree (not null)
     * @param type the record it is to become
     * @return every problem, in document order; empty if the tree binds to the type
     */
    List<FieldError> check(JsonNode root, Type type) {
        List<FieldError> errors = new ArrayList<>();
        if (raw(type).isRecord() && !root.isObject()) {
            errors.add(new FieldError("body", "Очікується JSON-об'єкт, отримано " + kindUk(root) + " / Expected a JSON "
                    + "object, got " + kindEn(root)));
            return errors;
        }
        visit(root, type, "", errors);
        return errors;
    }

    private void visit(JsonNode n, Type type, String path, List<FieldError> errors) {
        Class<?> raw = raw(type);
        if (n == null || n.isNull() || n.isMissingNode()) {
            if (raw.isPrimitive()) {
                errors.add(new FieldError(field(path), "Потрібне значення, не null / A value is required, not null"));
            }
            return;
        }
        if (raw == String.class) {
            expect(n.isTextual(), n, path, "рядок (текст)", "a string", errors);
        } else if (raw == Boolean.class || raw == boolean.class) {
            expect(n.isBoolean(), n, path, "true або false", "true or false", errors);
        } else if (raw == Integer.class || raw == int.class || raw == Long.class || raw == long.class) {
            boolean isLong = raw == Long.class || raw == long.class;
            if (!n.isIntegralNumber()) {
                expect(false, n, path, "ціле число", "a whole number", errors);
            } else if (isLong ? !n.canConvertToLong() : !n.canConvertToInt()) {
                long max = isLong ? Long.MAX_VALUE : Integer.MAX_VALUE;
                errors.add(new FieldError(field(path), "Число поза межами (найбільше " + max + ") / Number out of range "
                        + "(at most " + max + ")"));
            }
        } else if (Number.class.isAssignableFrom(raw) || raw == double.class || raw == float.class) {
            expect(n.isNumber(), n, path, "число", "a number", errors);
        } else if (raw.isEnum()) {
            String values = Arrays.toString(raw.getEnumConstants());
            if (!n.isTextual()) {
                errors.add(new FieldError(field(path), "Очікується одне зі значень " + values + ", отримано "
                        + kindUk(n) + " / Expected one of " + values + ", got " + kindEn(n)));
            } else if (Arrays.stream(raw.getEnumConstants()).noneMatch(c -> ((Enum<?>) c).name().equals(n.asText()))) {
                errors.add(new FieldError(field(path), "Невідоме значення '" + n.asText() + "'; очікується одне з "
                        + values + " / Unknown value '" + n.asText() + "'; expected one of " + values));
            }
        } else if (raw == Instant.class) {
            if (!n.isTextual() || !binds(n, raw)) {
                errors.add(new FieldError(field(path), "Очікується час на кшталт 2026-01-31T10:00:00Z / Expected an "
                        + "instant like 2026-01-31T10:00:00Z"));
            }
        } else if (raw == LocalDate.class) {
            if (!n.isTextual() || !binds(n, raw)) {
                errors.add(new FieldError(field(path), "Очікується дата на кшталт 2026-01-31 / Expected a date like "
                        + "2026-01-31"));
            }
        } else if (Collection.class.isAssignableFrom(raw)) {
            if (!n.isArray()) {
                expect(false, n, path, "масив", "an array", errors);
                return;
            }
            Type element = typeArgument(type);
            for (int i = 0; i < n.size(); i++) {
                visit(n.get(i), element, path + "[" + i + "]", errors);
            }
        } else if (raw.isRecord()) {
            if (!n.isObject()) {
                expect(false, n, path, "об'єкт", "an object", errors);
                return;
            }
            RecordComponent[] components = raw.getRecordComponents();
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                RecordComponent c = Arrays.stream(components).filter(x -> x.getName().equals(e.getKey())).findFirst()
                        .orElse(null);
                String at = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
                if (c == null) {
                    errors.add(new FieldError(at, unknownField(e.getKey(),
                            Arrays.stream(components).map(RecordComponent::getName).toList())));
                } else {
                    visit(e.getValue(), c.getGenericType(), at, errors);
                }
            }
        }
        // Anything else (a map, a tree) takes any JSON: binding decides.
    }

    /** @return the message for an unknown field, with the nearest known name when one is close */
    static String unknownField(String name, List<String> known) {
        String near = null;
        int best = 3;
        for (String k : known) {
            int d = distance(name.toLowerCase(java.util.Locale.ROOT), k.toLowerCase(java.util.Locale.ROOT));
            if (d < best) {
                best = d;
                near = k;
            }
        }
        return near == null
                ? "Невідоме поле '" + name + "'; відомі: " + known + " / Unknown field '" + name + "'; known: " + known
                : "Невідоме поле '" + name + "' (можливо, '" + near + "') / Unknown field '" + name
                        + "' (did you mean '" + near + "'?)";
    }

    /** Levenshtein distance, for the hint only. */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    private boolean binds(JsonNode n, Class<?> type) {
        try {
            mapper.treeToValue(n, type);
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    private static void expect(boolean ok, JsonNode n, String path, String uk, String en, List<FieldError> errors) {
        if (!ok) {
            errors.add(new FieldError(field(path), "Неправильний тип значення: очікується " + uk + ", отримано "
                    + kindUk(n) + " / Wrong type of value: expected " + en + ", got " + kindEn(n)));
        }
    }

    private static String field(String path) {
        return path.isEmpty() ? "body" : path;
    }

    static String kindEn(JsonNode n) {
        return switch (n.getNodeType()) {
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case OBJECT -> "an object";
            case ARRAY -> "an array";
            case NULL -> "null";
            default -> "nothing";
        };
    }

    static String kindUk(JsonNode n) {
        return switch (n.getNodeType()) {
            case STRING -> "рядок";
            case NUMBER -> "число";
            case BOOLEAN -> "логічне значення";
            case OBJECT -> "об'єкт";
            case ARRAY -> "масив";
            case NULL -> "null";
            default -> "нічого";
        };
    }

    private static Class<?> raw(Type t) {
        if (t instanceof Class<?> c) {
            return c;
        }
        if (t instanceof ParameterizedType p) {
            return raw(p.getRawType());
        }
        if (t instanceof WildcardType w && w.getUpperBounds().length > 0) {
            return raw(w.getUpperBounds()[0]);
        }
        return Object.class;
    }

    private static Type typeArgument(Type t) {
        return t instanceof ParameterizedType p && p.getActualTypeArguments().length == 1
                ? p.getActualTypeArguments()[0] : Object.class;
    }
}
