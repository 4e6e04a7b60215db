package io.sbc.media.bencode;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BencodeEncoderTest {
    private static String encode(BencodeValue v) {
        return new String(BencodeEncoder.encode(v), StandardCharsets.ISO_8859_1);
    }

    @Test
    void writesDictionaryKeysInByteOrderWhateverTheInsertionOrder() {
        BencodeDictionary d = BencodeDictionary.builder().put("sdp", "v=0").put("result", "ok").put("a", 1)
                .put("Z", -7).put("\u00e9", 0).build();
        // 'Z' (0x5a) < 'a' < 'result' < 'sdp' < 0xc3 0xa9 (UTF-8 of e-acute, compared unsigned)
        assertEquals("d1:Zi-7e1:ai1e6:result2:ok3:sdp3:v=02:\u00c3\u00a9i0ee", encode(d));
    }

    @Test
    void writesSortedAsciiKeysAsGivenAndLongKeysWithTheirLength() {
        String longKey = "k".repeat(600);
        BencodeDictionary d = BencodeDictionary.builder().put("a", 1).put("b", BencodeDictionary.builder()
                .put("x", "1").put("y", "2").build()).put(longKey, "v").build();
        assertEquals("d1:ai1e1:bd1:x1:11:y1:2e600:" + longKey + "1:ve", encode(d));
    }

    @Test
    void sortsWhenAnAsciiKeyFollowsANonAsciiOneInInsertionOrder() {
        BencodeDictionary d = BencodeDictionary.builder().put("\u00e9", 0).put("z", 1).build();
        assertEquals("d1:zi1e2:\u00c3\u00a9i0ee", encode(d));
    }

    @Test
    void writesIntegerExtremesAndEmptyContainers() {
        BencodeDictionary d = BencodeDictionary.builder().put("max", Long.MAX_VALUE).put("min", Long.MIN_VALUE)
                .put("zero", 0).put("list", BencodeList.ofStrings()).put("dict", BencodeDictionary.builder().build())
                .build();
        assertEquals("d4:dictde4:listle3:maxi9223372036854775807e3:mini-9223372036854775808e4:zeroi0ee", encode(d));
    }

    @Test
    void growsItsBufferForLongStrings() {
        String big = "x".repeat(5000);
        BencodeDictionary d = BencodeDictionary.builder().put("sdp", big).build();
        assertEquals("d3:sdp5000:" + big + "e", encode(d));
    }
}
