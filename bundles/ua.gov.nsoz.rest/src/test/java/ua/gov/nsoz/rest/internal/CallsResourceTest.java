package ua.gov.nsoz.rest.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.ws.rs.WebApplicationException;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.StreamingOutput;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ua.gov.nsoz.api.Appeal;
import ua.gov.nsoz.api.AppealKind;
import ua.gov.nsoz.api.AppealService;
import ua.gov.nsoz.api.AppealStatus;
import ua.gov.nsoz.api.Applicant;
import ua.gov.nsoz.api.ApplicantType;
import ua.gov.nsoz.api.Channel;
import ua.gov.nsoz.api.ValidationException;
import ua.gov.nsoz.api.audit.AuditAction;
import ua.gov.nsoz.api.audit.AuditEntry;
import ua.gov.nsoz.api.calls.CallCenter;
import ua.gov.nsoz.api.calls.CallEvent;
import ua.gov.nsoz.api.calls.CallEventType;
import ua.gov.nsoz.api.calls.CallRecord;

/** The operator's calls over the real call center and a real Derby: long poll, earlier appeals, links, recordings. */
@DisplayName("REST: the operator's calls and an appeal's calls")
class CallsResourceTest {

    static final Instant T = Instant.parse("2026-03-02T09:00:00Z");
    static final String CALLER = "+380670000007";

    @TempDir
    Path dir;

    final List<AuditEntry> audit = new ArrayList<>();
    final Map<String, Appeal> stored = new HashMap<>();
    final CtiResourceTest.AudioStore store = new CtiResourceTest.AudioStore();
    CallCenter calls;
    CallsResource resource;
    CallsResource.AppealCalls appealCalls;

    final AppealService appeals = (AppealService) Proxy.newProxyInstance(AppealService.class.getClassLoader(),
            new Class<?>[] {AppealService.class}, (p, m, a) -> switch (m.getName()) {
                case "get" -> Optional.ofNullable(stored.get((String) a[0]));
                case "find" -> Optional.ofNullable(stored.get((String) a[0])).or(() -> stored.values().stream()
                        .filter(x -> x.registrationNumber().equals(a[0])).findFirst());
                default -> throw new UnsupportedOperationException(m.getName());
            });

    static final BasicAuth.UserContext OPERATOR = StatsResourceTest.as("op1", "nsoz-operator");
    static final BasicAuth.UserContext ANALYST = StatsResourceTest.as("analyst", "nsoz-analyst");
    static final BasicAuth.UserContext CLERK_MON = StatsResourceTest.as("clerk", "nsoz-clerk", "nsoz-body-MON");

    Appeal appeal(String id, String number, String node) {
        Appeal a = new Appeal(id, number, node, "UA-46", AppealKind.COMPLAINT, Channel.PHONE,
                new Applicant(ApplicantType.CITIZEN, "Тестенко Марія", "м. Львів, вул. Синтетична, 1", null, null),
                "Синтетичний текст", null, null, false, null, false, null, List.of(), Set.of(), AppealStatus.REGISTERED,
                1, T, T, T);
        stored.put(id, a);
        return a;
    }

    @BeforeEach
    void setUp() {
        calls = CtiResourceTest.callCenter(dir);
        Callers callers = new Callers(CallersTest.node("lviv"), CallersTest.audit(audit));
        resource = new CallsResource(calls, appeals, callers);
        appealCalls = new CallsResource.AppealCalls(calls, appeals, store, callers);
    }

    CallRecord ring(String pbxId, String operator) {
        return calls.accept(new CallEvent(pbxId, CallEventType.RINGING, null, CALLER, "1580", operator, null));
    }

    static int status(org.junit.jupiter.api.function.Executable call) {
        return assertThrows(WebApplicationException.class, call).getResponse().getStatus();
    }

    @Test
    @DisplayName("the long poll returns the operator's ringing call with the caller's earlier appeals in scope")
    void longPoll() throws Exception {
        Appeal earlier = appeal("appeal-old", "LV-2026-000001", "lviv");
        Appeal elsewhere = appeal("appeal-ucc", "UCC-2026-000001", "ucc");
        calls.attach(ring("pbx-old", "op1").id(), earlier.id());
        calls.attach(ring("pbx-old2", "op2").id(), elsewhere.id());
        calls.accept(new CallEvent("pbx-old", CallEventType.HANGUP, null, null, null, null, null));
        calls.accept(new CallEvent("pbx-old2", CallEventType.HANGUP, null, null, null, null, null));
        assertEquals(List.of(), resource.ringing("0", OPERATOR));

        CompletableFuture<List<CallsResource.CallJson>> poll = CompletableFuture.supplyAsync(
                () -> resource.ringing("20", OPERATOR));
        CallRecord now = ring("pbx-new", "op1");
        List<CallsResource.CallJson> got = poll.get(15, TimeUnit.SECONDS);
        assertEquals(1, got.size());
        CallsResource.CallJson call = got.get(0);
        assertEquals(now.id(), call.id());
        assertEquals(CALLER, call.callerNumber());
        assertEquals(List.of("LV-2026-000001"), call.earlierAppeals().stream()
                .map(CallsResource.EarlierAppeal::registrationNumber).toList(), "ucc's appeal is not lviv's scope");
        assertEquals(call.earlierAppeals(), resource.get(now.id(), OPERATOR).earlierAppeals());
        assertEquals(404, status(() -> resource.get("no-such-call", OPERATOR)));
    }

    @Test
    @DisplayName("wait must be 0–30 seconds")
    void waitBounds() {
        assertThrows(ValidationException.class, () -> resource.ringing("31", OPERATOR));
        assertThrows(ValidationException.class, () -> resource.ringing("soon", OPERATOR));
        assertEquals(0, CallsResource.waitSeconds(null));
        assertEquals(25, CallsResource.waitSeconds("25"));
    }

    @Test
    @DisplayName("linking: by id or number, in scope only, once; the appeal's calls and recording by its access rule")
    void linkAndRecording() throws Exception {
        Appeal a = appeal("appeal-1", "LV-2026-000009", "lviv");
        appeal("appeal-ucc", "UCC-2026-000002", "ucc");
        CallRecord call = ring("pbx-1", "op1");
        assertEquals(403, status(() -> resource.link(call.id(), new CallsResource.LinkRequest("appeal-ucc"),
                OPERATOR)));
        assertEquals(404, status(() -> resource.link(call.id(), new CallsResource.LinkRequest("nope"), OPERATOR)));
        assertThrows(ValidationException.class, () -> resource.link(call.id(), new CallsResource.LinkRequest(" "),
                OPERATOR));
        CallsResource.CallJson linked = resource.link(call.id(), new CallsResource.LinkRequest("LV-2026-000009"),
                OPERATOR);
        assertEquals("appeal-1", linked.appealId());
        assertTrue(audit.stream().anyMatch(e -> e.action() == AuditAction.CHANGE && "appeal-1".equals(e.appealId())));
        CallRecord other = ring("pbx-2", "op1");
        calls.attach(other.id(), "appeal-ucc");
        assertEquals(409, status(() -> resource.link(other.id(), new CallsResource.LinkRequest("appeal-1"),
                OPERATOR)));

        byte[] audio = CtiResourceTest.wav();
        String sha = store.put(new ByteArrayInputStream(audio), null).sha256();
        assertEquals(404, status(() -> appealCalls.recording("appeal-1", call.id(), OPERATOR)), "no recording yet");
        calls.recording("pbx-1", sha);

        List<CallsResource.CallJson> list = appealCalls.list("LV-2026-000009", OPERATOR);
        assertEquals(List.of(call.id()), list.stream().map(CallsResource.CallJson::id).toList());
        assertEquals(CALLER, list.get(0).callerNumber());
        assertEquals(sha, list.get(0).recordingSha256());

        audit.clear();
        Response r = appealCalls.recording("appeal-1", call.id(), OPERATOR);
        assertEquals("audio/wav", r.getMediaType().toString());
        assertTrue(r.getHeaderString("Content-Disposition").contains("call-" + call.id() + ".wav"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ((StreamingOutput) r.getEntity()).write(out);
        assertArrayEquals(audio, out.toByteArray());
        assertEquals(List.of(AuditAction.READ), audit.stream().map(AuditEntry::action).toList());

        assertEquals(404, status(() -> appealCalls.recording("appeal-1", other.id(), OPERATOR)),
                "a call of another appeal");
        assertEquals(403, status(() -> appealCalls.recording("appeal-1", call.id(), CLERK_MON)));
        assertEquals(403, status(() -> appealCalls.recording("appeal-1", call.id(), ANALYST)),
                "the analyst sees the appeal masked: no recording");
        CallsResource.CallJson masked = appealCalls.list("appeal-1", ANALYST).get(0);
        assertEquals("***", masked.callerNumber());
        assertNull(masked.recordingSha256());
    }
}
