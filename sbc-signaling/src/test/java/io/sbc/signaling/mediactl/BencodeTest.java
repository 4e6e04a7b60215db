package io.sbc.signaling.mediactl;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BencodeTest {

    @Test
    void encodesDictionariesWithSortedKeys() {
        byte[] b = Bencode.encode(Map.of("command", "ping", "a", List.of("x", 12L)));
        assertEquals("d1:al1:xi12ee7:command4:pinge", new String(b, StandardCharsets.US_ASCII));
    }

    @Test
    void decodesWhatItEncodesKeepingEveryByteOfTheSdp() {
        String sdp = "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=caf\u00e9\r\n";
        Map<String, Object> cmd = MediaCommands.offer("c1", "t1", "t2", sdp, "pbx", "carrier", "192.0.2.1");
        byte[] wire = Bencode.encode(cmd);
        Bencode.Decoded d = Bencode.decode(wire, 0, wire.length);
        assertTrue(d.ok(), d.error());
        @SuppressWarnings("unchecked")
        Map<String, Object> back = (Map<String, Object>) d.value();
        assertEquals(sdp, back.get("sdp"));
        assertEquals(List.of("pbx", "carrier"), back.get("direction"));
        assertEquals("offer", back.get("command"));
    }

    @Test
    void reportsTruncatedAndMalformedInputAsAReason() {
        for (String bad : new String[] {"d3:abc", "l", "i12", "5:ab", "ie", "x", "i-e", "d1:a"}) {
            byte[] b = bad.getBytes(StandardCharsets.US_ASCII);
            Bencode.Decoded d = Bencode.decode(b, 0, b.length);
            assertFalse(d.ok(), bad);
            assertNotNull(d.error(), bad);
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 99, 12345})
    void arbitraryBytesNeverThrow(long seed) {
        RandomGenerator r = RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
        byte[] alphabet = "dlie0123456789:-xa".getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < 20_000; i++) {
            byte[] b = new byte[r.nextInt(1, 40)];
            for (int j = 0; j < b.length; j++) {
                b[j] = r.nextInt(4) == 0 ? (byte) r.nextInt(256) : alphabet[r.nextInt(alphabet.length)];
            }
            try {
                Bencode.Decoded d = Bencode.decode(b, 0, b.length);
                assertTrue(d.ok() || d.error() != null);
            } catch (RuntimeException e) {
                throw new AssertionError("seed " + seed + " input " + new String(b, StandardCharsets.ISO_8859_1), e);
            }
        }
    }

    @Test
    void rejectsNestingDeeperThanTheLimit() {
        String deep = "l".repeat(Bencode.MAX_DEPTH + 5) + "e".repeat(Bencode.MAX_DEPTH + 5);
        byte[] b = deep.getBytes(StandardCharsets.US_ASCII);
        assertFalse(Bencode.decode(b, 0, b.length).ok());
    }
}
