package ua.gov.nsoz.open311.internal;

import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/** The shape checks that the other tests rely on do catch a wrong shape. */
class ShapeTest {

    private static final String SERVICE = "\"service_code\":\"001\",\"service_name\":\"n\",\"description\":\"d\","
            + "\"type\":\"realtime\",\"keywords\":\"k\",\"group\":\"g\"";

    @Test
    @DisplayName("The JSON check refuses a missing field, a wrong type, an object for an array, a bad datetime")
    void jsonRefuses() {
        JsonNode spec = Shape.specJson("services.json");
        Shape.assertJsonShape(spec, Shape.json("[{" + SERVICE + ",\"metadata\":true}]"), "ok");
        assertThrows(AssertionFailedError.class,
                () -> Shape.assertJsonShape(spec, Shape.json("[{" + SERVICE + "}]"), "missing"));
        assertThrows(AssertionFailedError.class,
                () -> Shape.assertJsonShape(spec, Shape.json("[{" + SERVICE + ",\"metadata\":\"true\"}]"), "type"));
        assertThrows(AssertionFailedError.class,
                () -> Shape.assertJsonShape(spec, Shape.json("{" + SERVICE + ",\"metadata\":true}"), "object"));
        JsonNode requests = Shape.specJson("service_requests.json");
        String json = Wire.text(new Wire.Doc("service_requests", new Wire.Items("request",
                java.util.List.of(GeoReport.status(new ua.gov.nsoz.api.PublicStatus("LV-2026-000001",
                        ua.gov.nsoz.api.AppealKind.PROPOSAL, ua.gov.nsoz.api.AppealStatus.REGISTERED,
                        java.time.Instant.EPOCH, null, null, null, null, null, false))))), Wire.Format.JSON);
        Shape.assertJsonShape(requests, Shape.json(json), "ok");
        assertThrows(AssertionFailedError.class, () -> Shape.assertJsonShape(requests,
                Shape.json(json.replace("1970-01-01T03:00:00+03:00", "1970-01-01 03:00")), "datetime"));
    }

    @Test
    @DisplayName("The XML check refuses another root, a missing or an extra element")
    void xmlRefuses() {
        var spec = Shape.xml(Shape.resource("errors.xml"));
        Shape.assertXmlShape(spec, Shape.xml("<errors><error><code>1</code><description>d</description></error>"
                + "</errors>"), "ok");
        assertThrows(AssertionFailedError.class, () -> Shape.assertXmlShape(spec,
                Shape.xml("<error><code>1</code><description>d</description></error>"), "root"));
        assertThrows(AssertionFailedError.class, () -> Shape.assertXmlShape(spec,
                Shape.xml("<errors><error><code>1</code></error></errors>"), "missing"));
        assertThrows(AssertionFailedError.class, () -> Shape.assertXmlShape(spec,
                Shape.xml("<errors><error><code>1</code><description>d</description><x/></error></errors>"),
                "extra"));
    }
}
