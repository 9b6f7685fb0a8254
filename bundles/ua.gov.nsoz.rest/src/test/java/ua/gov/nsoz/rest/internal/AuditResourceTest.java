package ua.gov.nsoz.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.reflect.Method;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.ServiceUnavailableException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import ua.gov.nsoz.api.Page;
import ua.gov.nsoz.api.access.Operation;
import ua.gov.nsoz.api.audit.AuditAction;
import ua.gov.nsoz.api.audit.AuditEntry;
import ua.gov.nsoz.api.audit.AuditLog;
import ua.gov.nsoz.api.audit.AuditQuery;

/** {@code GET /api/v1/audit/chain}: the chain check of {@code nsoz:audit --verify}, for the auditor over REST. */
@DisplayName("REST: GET /api/v1/audit/chain says whether the audit log's hash chain holds")
class AuditResourceTest {

    static final ObjectMapper JSON = RestServer.objectMapper();

    /** A log of {@code n} entries, seq 1..n; records what it was asked. */
    static final class Log implements AuditLog {
        final List<AuditQuery> asked = new ArrayList<>();
        final int n;

        Log(int n) {
            this.n = n;
        }

        @Override
        public void record(AuditEntry entry) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Page<AuditEntry> search(AuditQuery query) {
            asked.add(query);
            List<AuditEntry> items = n == 0 ? List.of()
                    : List.of(new AuditEntry(n, Instant.parse("2026-03-01T08:15:00Z"), "auditor", "nsoz-auditor",
                            AuditAction.SEARCH, null, "audit", "rest", "lviv"));
            return new Page<>(items, n, query.offset(), query.limit());
        }
    }

    static JsonNode json(Object o) throws Exception {
        return JSON.readTree(JSON.writeValueAsString(o));
    }

    @Test
    void anIntactChainSaysSoWithTheEntriesAndTheNewestSeq() throws Exception {
        Log log = new Log(42);
        AuditResource resource = new AuditResource(log);
        resource.setChain(OptionalLong::empty);

        JsonNode body = json(resource.chain());

        assertTrue(body.get("intact").asBoolean(), body.toString());
        assertFalse(body.has("brokenAt"), "no break to name: " + body);
        assertEquals(42, body.get("entries").asLong());
        assertEquals(42, body.get("lastSeq").asLong());
        assertTrue(body.get("checkedAt").asText().endsWith("Z"), "UTC instant: " + body);
        assertEquals(1, log.asked.size());
        AuditQuery q = log.asked.get(0);
        assertEquals(1, q.limit(), "only the newest entry is read, not the log");
        assertEquals(null, q.actor());
        assertEquals(null, q.action());
    }

    @Test
    void aBrokenChainNamesTheFirstSeqThatDoesNotFollow() throws Exception {
        AuditResource resource = new AuditResource(new Log(10));
        resource.setChain(() -> OptionalLong.of(7));

        JsonNode body = json(resource.chain());

        assertFalse(body.get("intact").asBoolean(), body.toString());
        assertEquals(7, body.get("brokenAt").asLong());
        assertEquals(10, body.get("lastSeq").asLong());
    }

    @Test
    void anEmptyLogIsAnIntactChainWithoutANewestSeq() throws Exception {
        AuditResource resource = new AuditResource(new Log(0));
        resource.setChain(OptionalLong::empty);

        JsonNode body = json(resource.chain());

        assertTrue(body.get("intact").asBoolean());
        assertEquals(0, body.get("entries").asLong());
        assertFalse(body.has("lastSeq"), body.toString());
    }

    @Test
    void withoutAStoreThatKeepsTheChainTheAnswerIs503NotAClaimThatItHolds() {
        AuditResource resource = new AuditResource(new Log(3));

        ServiceUnavailableException e = assertThrows(ServiceUnavailableException.class, resource::chain);
        assertTrue(e.getMessage().contains("chain"), e.getMessage());
    }

    @Test
    void theCheckIsTheAuditorsGetAtChain() throws Exception {
        Method m = AuditResource.class.getMethod("chain");
        assertTrue(m.isAnnotationPresent(GET.class));
        assertEquals("/chain", m.getAnnotation(Path.class).value());
        assertEquals(Operation.AUDIT_READ, m.getAnnotation(Allowed.class).value());
    }
}
