package io.sbc.signaling.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sbc.signaling.message.BodyPart;
import io.sbc.signaling.message.SipMessage;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class HeaderNameAndMultipartTest {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"i,Call-ID", "v,Via", "f,From", "t,To", "m,Contact", "l,Content-Length", "c,Content-Type",
        "k,Supported", "s,Subject", "e,Content-Encoding", "o,Event", "u,Allow-Events", "r,Refer-To",
        "b,Referred-By", "x,Session-Expires", "y,Identity", "a,Accept-Contact", "d,Request-Disposition",
        "j,Reject-Contact"})
    void compactFormIdentifiesItsFullHeaderInEitherCase(String compact, String full) {
        assertEquals(full, HeaderName.lookup(compact).canonical());
        assertEquals(full, HeaderName.lookup(compact.toUpperCase()).canonical());
        assertEquals(HeaderName.lookup(full), HeaderName.lookup(full.toLowerCase()));
        assertEquals(HeaderName.lookup(full), HeaderName.lookup(full.toUpperCase()));
    }

    @Test
    void unknownAndNearMissNamesAreOther() {
        assertEquals(HeaderName.OTHER, HeaderName.lookup("X-Via"));
        assertEquals(HeaderName.OTHER, HeaderName.lookup("Vias"));
        assertEquals(HeaderName.OTHER, HeaderName.lookup("q"));
        assertEquals(HeaderName.OTHER, HeaderName.lookup(""));
    }

    @Test
    void authenticationHeadersAreNeverJoinable() {
        for (String n : List.of("WWW-Authenticate", "Authorization", "Proxy-Authenticate", "Proxy-Authorization", "Date")) {
            assertFalse(HeaderName.lookup(n).joinable(), n);
        }
        assertTrue(HeaderName.lookup("Via").joinable());
        assertTrue(HeaderName.lookup("Route").joinable());
    }

    @Test
    void splitsTheRfc4475MultipartMessageIntoTextAndBinaryParts() {
        byte[] in = Corpus.bytes("/io/sbc/signaling/codec/rfc4475/mpart01.dat");
        SipMessage m = new SipParser().parse(in, 0, in.length).message();
        assertEquals(553, m.bodySize());
        List<BodyPart> parts = m.bodyParts();
        assertEquals(2, parts.size());
        assertEquals("text/plain", parts.get(0).contentType());
        assertEquals("Hello", new String(parts.get(0).body(), StandardCharsets.US_ASCII));
        assertEquals("application/octet-stream", parts.get(1).contentType());
        assertEquals("binary", parts.get(1).header("Content-Transfer-Encoding"));
        byte[] binary = parts.get(1).body();
        assertEquals(0x30, binary[0] & 0xFF, "DER SEQUENCE");
        int bareLf = 0;
        for (byte b : binary) {
            bareLf += b == '\n' ? 1 : 0;
        }
        assertEquals(3, bareLf, "the three bare LFs inside the binary part survive");
    }
}
