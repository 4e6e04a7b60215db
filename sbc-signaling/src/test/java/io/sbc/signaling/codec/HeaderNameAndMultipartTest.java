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
    void everyNameInAnySpellingIdentifiesItselfThroughStringAndBytes() {
        for (HeaderName h : HeaderName.values()) {
            if (h == HeaderName.OTHER) {
                continue;
            }
            String c = h.canonical();
            for (String spelling : new String[] {c, new String(c.toCharArray()), c.toLowerCase(), c.toUpperCase()}) {
                assertEquals(h, HeaderName.lookup(spelling), spelling);
                byte[] b = spelling.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
                assertEquals(h, HeaderName.lookup(b, 0, b.length), spelling);
            }
            assertEquals(HeaderName.OTHER, HeaderName.lookup(c + "x"), c);
            if (c.length() > 2) {
                assertEquals(HeaderName.OTHER, HeaderName.lookup(c.substring(1)), c);
            }
        }
    }

    @Test
    void unknownAndNearMissNamesAreOther() {
        assertEquals(HeaderName.OTHER, HeaderName.lookup("X-Via"));
        assertEquals(HeaderName.OTHER, HeaderName.lookup("Vias"));
        assertEquals(HeaderName.OTHER, HeaderName.lookup("q"));
        assertEquals(HeaderName.OTHER, HeaderName.lookup(""));
    }

    @Test
    void stringLookupAgreesWithLookupOfItsLatin1BytesForRandomNames() {
        long seed = System.nanoTime();
        java.util.random.RandomGenerator rnd = java.util.random.RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
        char[] alphabet = "aAzZ-_.!%*+`'~0x9:\r\t \u00e9\u0100\u20ac?".toCharArray();
        for (int round = 0; round < 20_000; round++) {
            String name;
            if (rnd.nextBoolean()) {
                // A known name (or its compact form) with random letter case and sometimes one edit.
                HeaderName h = HeaderName.values()[1 + rnd.nextInt(HeaderName.values().length - 1)];
                char[] c = (rnd.nextInt(4) == 0 && h.compact() != 0 ? String.valueOf(h.compact()) : h.canonical()).toCharArray();
                for (int i = 0; i < c.length; i++) {
                    c[i] = rnd.nextBoolean() ? Character.toUpperCase(c[i]) : Character.toLowerCase(c[i]);
                }
                if (rnd.nextInt(3) == 0) {
                    c[rnd.nextInt(c.length)] = alphabet[rnd.nextInt(alphabet.length)];
                }
                name = new String(c);
            } else {
                char[] c = new char[1 + rnd.nextInt(26)];
                for (int i = 0; i < c.length; i++) {
                    c[i] = alphabet[rnd.nextInt(alphabet.length)];
                }
                name = new String(c);
            }
            byte[] b = name.getBytes(StandardCharsets.ISO_8859_1);
            assertEquals(HeaderName.lookup(b, 0, b.length), HeaderName.lookup(name),
                    "name '" + name + "' (seed " + seed + ")");
        }
    }

    @Test
    void knownNameFastPathAgreesWithTheByteScanForRandomLines() {
        long seed = System.nanoTime();
        java.util.random.RandomGenerator rnd = java.util.random.RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
        byte[] alphabet = "aAzZvV-_.!%*+`':\r\n\t x9".getBytes(StandardCharsets.ISO_8859_1);
        byte[] odd = {0, 0x0D, 0x10, 0x19, 0x0A, (byte) 0x8D, (byte) 0xE9, (byte) 0xFF};
        int hits = 0;
        for (int round = 0; round < 50_000; round++) {
            byte[] name;
            if (rnd.nextInt(4) != 0) {
                // A known full name in random letter case, sometimes with one byte replaced.
                HeaderName h = HeaderName.values()[1 + rnd.nextInt(HeaderName.values().length - 1)];
                name = h.canonical().getBytes(StandardCharsets.ISO_8859_1);
                for (int i = 0; i < name.length; i++) {
                    if (rnd.nextBoolean()) {
                        name[i] = (byte) Character.toUpperCase(name[i]);
                    } else {
                        name[i] = (byte) Character.toLowerCase(name[i]);
                    }
                }
                if (rnd.nextInt(3) == 0) {
                    byte[] from = rnd.nextBoolean() ? alphabet : odd;
                    name[rnd.nextInt(name.length)] = from[rnd.nextInt(from.length)];
                }
            } else {
                name = new byte[rnd.nextInt(26)];
                for (int i = 0; i < name.length; i++) {
                    byte[] from = rnd.nextInt(4) == 0 ? odd : alphabet;
                    name[i] = from[rnd.nextInt(from.length)];
                }
            }
            int p = rnd.nextInt(3);
            byte[] b = new byte[p + name.length + 1 + 30];
            for (int i = 0; i < b.length; i++) {
                b[i] = alphabet[rnd.nextInt(alphabet.length)];
            }
            System.arraycopy(name, 0, b, p, name.length);
            b[p + name.length] = (byte) (rnd.nextInt(5) == 0 ? ' ' : ':');
            int ne = p;
            while (ne < b.length && ByteClass.is(b[ne], ByteClass.TOKEN)) {
                ne++;
            }
            HeaderName byScan = ne < b.length && b[ne] == ':' ? HeaderName.lookupToken(b, p, ne) : HeaderName.OTHER;
            int known = HeaderName.knownName(b, p);
            String what = "line '" + new String(b, StandardCharsets.ISO_8859_1) + "' at " + p + " (seed " + seed + ")";
            if (known != 0) {
                hits++;
                assertEquals(ne - p, known >>> 8, what);
                assertEquals(byScan, HeaderName.ofOrdinal(known & 0xFF), what);
            } else {
                // Misses only where the slower scan is needed: unknown names and compact forms.
                assertTrue(byScan == HeaderName.OTHER || ne - p == 1, what);
            }
        }
        assertTrue(hits > 10_000, "fast path taken " + hits + " times (seed " + seed + ")");
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
