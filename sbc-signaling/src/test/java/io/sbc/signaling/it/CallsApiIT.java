package io.sbc.signaling.it;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code GET /api/calls} on a running SBC process with one call in progress between real SIPp
 * peers: the call is listed with both legs' Call-IDs, realms, trunks, users, state, times and media
 * mode; the limit is validated; after the call ends the list is empty.
 */
class CallsApiIT {
    @Test
    void listsTheCallInProgressWithBothLegsRealmsTrunksAndState() throws Exception {
        try (HeldCall held = HeldCall.start("calls-api")) {
            String body = held.awaitCalls("\"state\":\"confirmed\"");
            String inbound = CdrDurabilityIT.field(body, "inbound_call_id");
            String outbound = CdrDurabilityIT.field(body, "outbound_call_id");
            assertTrue(body.startsWith("{\"active\":1,\"limit\":100,\"truncated\":false,\"calls\":[{"), body);
            assertTrue(inbound.endsWith("@127.0.0.10"), body); // SIPp's [call_id] on the caller's address
            assertTrue(!outbound.isEmpty() && !outbound.equals(inbound), body);
            assertTrue(!CdrDurabilityIT.field(body, "sbc_call_id").isEmpty(), body);
            assertEquals("pbx", CdrDurabilityIT.field(body, "source_realm"), body);
            assertEquals(HeldCall.CALLER_TRUNK, CdrDurabilityIT.field(body, "source_trunk"), body);
            assertEquals("carrier", CdrDurabilityIT.field(body, "dest_realm"), body);
            assertEquals("carrier-a", CdrDurabilityIT.field(body, "dest_trunk"), body);
            assertEquals("pbx", CdrDurabilityIT.field(body, "caller"), body);
            assertEquals(HeldCall.CALLEE, CdrDurabilityIT.field(body, "callee"), body);
            assertTrue(CdrDurabilityIT.field(body, "start").matches("\\d{4}-\\d\\d-\\d\\dT.*Z"), body);
            assertTrue(CdrDurabilityIT.field(body, "answer").matches("\\d{4}-\\d\\d-\\d\\dT.*Z"), body);
            assertEquals("bypass", CdrDurabilityIT.field(body, "media"), body);

            String one = SbcProcess.get(HeldCall.ADMIN, "/api/calls?limit=1").body();
            assertTrue(one.contains("\"limit\":1,\"truncated\":false") && one.contains(inbound), one);
            assertEquals(400, SbcProcess.get(HeldCall.ADMIN, "/api/calls?limit=0").statusCode());
            assertEquals(400, SbcProcess.get(HeldCall.ADMIN, "/api/calls?limit=abc").statusCode());

            held.hangUp();
        }
    }
}
