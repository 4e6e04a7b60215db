package io.sbc.media.bencode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BencodeDecoderTest {
    private final BencodeDecoder decoder = new BencodeDecoder();

    private BencodeResult decode(String s) {
        return decoder.decode(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void decodesPingCommandFromNgProtocolExample() {
        BencodeResult r = decode("d7:command4:pinge");
        assertTrue(r.isOk(), r.errorReason());
        BencodeDictionary d = (BencodeDictionary) r.value();
        assertEquals("ping", ((BencodeString) d.get("command")).asUtf8());
    }

    @Test
    void decodesNestedListsAndIntegers() {
        BencodeResult r = decode("d5:flagsl13:trust-addresse3:TOSi184ee");
        assertTrue(r.isOk());
        BencodeDictionary d = (BencodeDictionary) r.value();
        assertEquals(new BencodeList(List.of(BencodeValue.of("trust-address"))), d.get("flags"));
        assertEquals(new BencodeInteger(184), d.get("TOS"));
    }

    @Test
    void acceptsUnsortedKeysAsRtpengineDoes() {
        assertTrue(decode("d1:bi1e1:ai2ee").isOk());
    }

    @Test
    void keepsStringBytesExactlyIncludingCrLfAndHighBytes() {
        byte[] in = {'5', ':', 'a', '\r', '\n', (byte) 0xff, 0};
        BencodeResult r = decoder.decode(in);
        assertTrue(r.isOk());
        assertEquals(5, ((BencodeString) r.value()).length());
        assertEquals((byte) 0xff, ((BencodeString) r.value()).bytes()[3]);
    }

    @Test
    void decodesExtremeIntegers() {
        assertEquals(new BencodeInteger(Long.MAX_VALUE), decode("i9223372036854775807e").value());
        assertEquals(new BencodeInteger(Long.MIN_VALUE), decode("i-9223372036854775808e").value());
        assertEquals(new BencodeInteger(0), decode("i0e").value());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "''|empty input",
        "i9223372036854775808e|integer out of 64-bit range",
        "i-9223372036854775809e|integer out of 64-bit range",
        "i03e|integer with leading zero or -0",
        "i-0e|integer with leading zero or -0",
        "ie|integer without digits",
        "i12|integer not terminated by 'e'",
        "5:abc|string length beyond end of input",
        "03:abc|string length with leading zero",
        "3abc|string length not followed by ':'",
        "l4:spam|list not terminated",
        "d3:key|unexpected end of input",
        "di1e1:ae|dictionary key is not a byte string",
        "d1:ai1e1:ai2ee|duplicate dictionary key 'a'",
        "i1ei2e|trailing bytes after value",
        "x|unexpected byte 0x78",
    })
    void rejectsMalformedInputWithReason(String input, String reason) {
        BencodeResult r = decode(input);
        assertFalse(r.isOk());
        assertEquals(reason, r.errorReason());
    }

    @Test
    void rejectsNestingBeyondMaxDepth() {
        BencodeDecoder shallow = new BencodeDecoder(new BencodeLimits(1000, 3, 100, 100));
        assertTrue(shallow.decode("lllee e".replace(" ", "").getBytes(StandardCharsets.US_ASCII)).isOk());
        BencodeResult r = shallow.decode("llllee ee".replace(" ", "").getBytes(StandardCharsets.US_ASCII));
        assertEquals("nesting deeper than 3", r.errorReason());
    }

    @Test
    void rejectsMoreItemsThanLimit() {
        BencodeDecoder few = new BencodeDecoder(new BencodeLimits(1000, 3, 3, 100));
        assertTrue(few.decode("li1ei2ee".getBytes(StandardCharsets.US_ASCII)).isOk());
        assertEquals("more than 3 values", few.decode("li1ei2ei3ee".getBytes(StandardCharsets.US_ASCII)).errorReason());
    }

    @Test
    void rejectsStringLongerThanLimitBeforeAllocating() {
        BencodeDecoder small = new BencodeDecoder(new BencodeLimits(1000, 3, 10, 8));
        assertEquals("string longer than 8 bytes", small.decode("999999999999:x".getBytes(StandardCharsets.US_ASCII)).errorReason());
    }

    @Test
    void rejectsInputLongerThanLimit() {
        BencodeDecoder small = new BencodeDecoder(new BencodeLimits(4, 3, 10, 8));
        assertFalse(small.decode("4:abcd".getBytes(StandardCharsets.US_ASCII)).isOk());
    }

    @Test
    void rejectsNonUtf8DictionaryKey() {
        byte[] in = {'d', '1', ':', (byte) 0xc3, 'i', '1', 'e', 'e'};
        assertEquals("dictionary key is not UTF-8", decoder.decode(in).errorReason());
    }

    @Test
    void encoderSortsKeysAndMatchesNgProtocolWireExample() {
        BencodeDictionary d = BencodeDictionary.builder().put("result", "pong").build();
        assertEquals("d6:result4:ponge", new String(BencodeEncoder.encode(d), StandardCharsets.US_ASCII));
        BencodeDictionary reply = BencodeDictionary.builder()
                .put("warning", "Call-ID not found or tags didn't match").put("result", "ok").build();
        assertEquals("d6:result2:ok7:warning38:Call-ID not found or tags didn't matche",
                new String(BencodeEncoder.encode(reply), StandardCharsets.US_ASCII));
    }
}
