package io.sbc.signaling.admin;

import io.sbc.signaling.b2bua.ActiveCall;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code GET /api/calls}: the JSON shape, the limit's default, cap and validation. */
class CallsApiTest {
    private static ActiveCall call(int i) {
        return new ActiveCall("sbc" + i, "a" + i + "@pbx", "b" + i + "@sbc", "pbx", "ip-pbx", "carrier", "carrier-a",
                "+1555000" + i, "+1555999" + i, "confirmed", 1_700_000_000_000L + i, 1_700_000_001_000L + i, "anchor");
    }

    private static List<ActiveCall> calls(int n) {
        List<ActiveCall> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(call(i));
        }
        return out;
    }

    private static String body(AdminResponse r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    @Test
    void listsEveryFieldOfACallUnderTheCdrNames() {
        AdminResponse r = CallsApi.answer(null, n -> calls(1), () -> 1);
        assertEquals(200, r.status());
        assertEquals("{\"active\":1,\"limit\":100,\"truncated\":false,\"calls\":[{\"sbc_call_id\":\"sbc0\","
                + "\"inbound_call_id\":\"a0@pbx\",\"outbound_call_id\":\"b0@sbc\",\"source_realm\":\"pbx\","
                + "\"source_trunk\":\"ip-pbx\",\"dest_realm\":\"carrier\",\"dest_trunk\":\"carrier-a\","
                + "\"caller\":\"+15550000\",\"callee\":\"+15559990\",\"state\":\"confirmed\","
                + "\"start\":\"2023-11-14T22:13:20Z\",\"answer\":\"2023-11-14T22:13:21Z\",\"media\":\"anchor\"}]}",
                body(r));
    }

    @Test
    void answerIsNullBeforeTheCalleeAnswers() {
        ActiveCall ringing = new ActiveCall("s", "a", "b", "pbx", "", "carrier", "carrier-a", "1", "2", "early",
                1_700_000_000_000L, 0, "bypass");
        String json = body(CallsApi.answer(null, n -> List.of(ringing), () -> 1));
        assertTrue(json.contains("\"answer\":null,\"media\":\"bypass\""), json);
    }

    @Test
    void asksTheOwnerForOneMoreThanTheLimitAndSaysWhenCallsWereLeftOut() {
        AtomicInteger asked = new AtomicInteger();
        String json = body(CallsApi.answer("3", n -> {
            asked.set(n);
            return calls(Math.min(n, 10));
        }, () -> 10));
        assertEquals(4, asked.get());
        assertTrue(json.startsWith("{\"active\":10,\"limit\":3,\"truncated\":true,"), json);
        assertEquals(3, json.split("\"sbc_call_id\"", -1).length - 1, json);
    }

    @Test
    void capsTheLimitAtTheMaximum() {
        AtomicInteger asked = new AtomicInteger();
        String json = body(CallsApi.answer("99999999999999", n -> {
            asked.set(n);
            return List.of();
        }, () -> 0));
        assertEquals(CallsApi.MAX_LIMIT + 1, asked.get());
        assertTrue(json.contains("\"limit\":" + CallsApi.MAX_LIMIT), json);
    }

    @Test
    void refusesALimitThatIsNotAPositiveWholeNumber() {
        for (String bad : new String[] {"", "0", "-1", "ten", "1.5", "+3"}) {
            AdminResponse r = CallsApi.answer(bad, n -> calls(1), () -> 1);
            assertEquals(400, r.status(), bad);
            assertTrue(body(r).contains("limit"), bad);
        }
    }

    @Test
    void escapesCallIdsAndUsers() {
        ActiveCall odd = new ActiveCall("s", "q\"uote\\@pbx", "b", "pbx", "", "carrier", "c", "a\nb", "x", "calling",
                1, 0, "anchor");
        String json = body(CallsApi.answer(null, n -> List.of(odd), () -> 1));
        assertTrue(json.contains("\"inbound_call_id\":\"q\\\"uote\\\\@pbx\""), json);
        assertTrue(json.contains("\"caller\":\"a\\nb\""), json);
    }
}
