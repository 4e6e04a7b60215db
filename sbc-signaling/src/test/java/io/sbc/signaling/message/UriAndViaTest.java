package io.sbc.signaling.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class UriAndViaTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bKa|SIP/2.0|UDP|192.0.2.1|5060",
        "SIP/2.0/TCP h.example.com;branch=z9hG4bKa|SIP/2.0|TCP|h.example.com|-1",
        "SIP/2.0/TLS [2001:db8::1]:5061;branch=z9hG4bKa|SIP/2.0|TLS|[2001:db8::1]|5061",
        "SIP/2.0/udp 192.0.2.1;branch=z9hG4bKa|SIP/2.0|UDP|192.0.2.1|-1",
        "SIP/2.0/Tls 192.0.2.1;branch=z9hG4bKa|SIP/2.0|TLS|192.0.2.1|-1",
        "SIP/2.0/SCTP 192.0.2.1;branch=z9hG4bKa|SIP/2.0|SCTP|192.0.2.1|-1",
        "SIP/2.0/WS 192.0.2.1;branch=z9hG4bKa|SIP/2.0|WS|192.0.2.1|-1",
        "SIP/2.0/UDPX 192.0.2.1;branch=z9hG4bKa|SIP/2.0|UDPX|192.0.2.1|-1",
        "SIP/2.0/ UDP 192.0.2.1;branch=z9hG4bKa|SIP/2.0|UDP|192.0.2.1|-1",
        "sip/2.0/udp 192.0.2.1;branch=z9hG4bKa|SIP/2.0|UDP|192.0.2.1|-1",
        "SIP / 2.0 / UDP 192.0.2.1 : 5060 ;branch=z9hG4bKa|SIP/2.0|UDP|192.0.2.1|5060",
        "SIP/3.0/UDP 192.0.2.1;branch=z9hG4bKa|SIP/3.0|UDP|192.0.2.1|-1",
    })
    void viaOfAParsedMessageReadsProtocolTransportAndSentByInEveryWriting(String value, String protocol,
            String transport, String hostRef, int port) {
        SipMessage m = io.sbc.signaling.codec.Messages.parse("OPTIONS sip:bob@198.51.100.7 SIP/2.0\r\nVia: " + value
                + "\r\nTo: <sip:bob@198.51.100.7>\r\nFrom: <sip:alice@192.0.2.10>;tag=1\r\nCall-ID: c1\r\n"
                + "CSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n");
        Via v = m.topVia();
        assertEquals(protocol, v.protocol());
        assertEquals(transport, v.transport());
        assertEquals(hostRef, v.hostRef());
        assertEquals(port, v.port());
        assertEquals("z9hG4bKa", v.branch());
        assertEquals(Via.parse(value), v);
    }

    @Test
    void parsesEverySipUriComponent() {
        SipUri u = SipUri.parse("sips:alice:secret@[2001:db8::10]:5061;transport=tcp;lr?subject=project%20x&priority=urgent");
        assertTrue(u.isSecure());
        assertEquals("alice", u.user());
        assertEquals("secret", u.password());
        assertEquals("2001:db8::10", u.host());
        assertEquals("[2001:db8::10]", u.hostRef());
        assertEquals(5061, u.port());
        assertEquals("tcp", u.transportParam());
        assertTrue(u.isLooseRouting());
        assertEquals("project x", u.headerMap().get("subject"));
        assertEquals("sips:alice:secret@[2001:db8::10]:5061;transport=tcp;lr?subject=project%20x&priority=urgent", u.toString());
    }

    @Test
    void decodesEscapesInTheUserPartButKeepsThemOnTheWire() {
        SipUri u = SipUri.parse("sip:user;par=u%40example.net@example.com");
        assertEquals("user;par=u%40example.net", u.user());
        assertEquals("user;par=u@example.net", u.userUnescaped());
        assertEquals("sip:user;par=u%40example.net@example.com", u.toString());
    }

    @Test
    void withCopiesChangeOnlyTheirComponent() {
        SipUri u = SipUri.parse("sip:bob@198.51.100.7;user=phone");
        assertEquals("sip:bob@203.0.113.1:5080;user=phone", u.withHost("203.0.113.1").withPort(5080).toString());
        assertEquals("sip:bob@198.51.100.7;user=phone;lr", u.withParam("lr", null).toString());
        assertEquals("sip:bob@198.51.100.7", u.withoutParam("user").toString());
        assertEquals("sip:198.51.100.7;user=phone", u.withUser(null).toString());
    }

    @ParameterizedTest(name = "{0} == {1}")
    @CsvSource(delimiter = '|', value = {
        "sip:%61lice@atlanta.com;transport=TCP|sip:alice@AtLanTa.CoM;Transport=tcp",
        "sip:carol@chicago.com|sip:carol@chicago.com;newparam=5",
        "sip:carol@chicago.com|sip:carol@chicago.com;security=on",
        "sip:biloxi.com;transport=tcp;method=REGISTER?to=sip:bob%40biloxi.com|sip:biloxi.com;method=REGISTER;transport=tcp?to=sip:bob%40biloxi.com",
        "sip:alice@atlanta.com?subject=project%20x&priority=urgent|sip:alice@atlanta.com?priority=urgent&subject=project%20x",
    })
    void equivalentUrisOfRfc3261Section19_1_4AreEquivalent(String a, String b) {
        assertTrue(SipUri.parse(a).equivalent(SipUri.parse(b)));
        assertTrue(SipUri.parse(b).equivalent(SipUri.parse(a)));
    }

    @ParameterizedTest(name = "{0} != {1}")
    @CsvSource(delimiter = '|', value = {
        "SIP:ALICE@AtLanTa.CoM;Transport=udp|sip:alice@AtLanTa.CoM;Transport=UDP",
        "sip:bob@biloxi.com|sip:bob@biloxi.com:5060",
        "sip:bob@biloxi.com|sip:bob@biloxi.com;transport=udp",
        "sip:bob@biloxi.com|sip:bob@biloxi.com:6000;transport=tcp",
        "sip:carol@chicago.com|sip:carol@chicago.com?Subject=next%20meeting",
        "sip:bob@phone21.boxesbybob.com|sip:bob@192.0.2.4",
        "sip:carol@chicago.com;security=on|sip:carol@chicago.com;security=off",
        "sip:alice@atlanta.com|sips:alice@atlanta.com",
    })
    void differentUrisOfRfc3261Section19_1_4AreNotEquivalent(String a, String b) {
        assertFalse(SipUri.parse(a).equivalent(SipUri.parse(b)));
        assertFalse(SipUri.parse(b).equivalent(SipUri.parse(a)));
    }

    @Test
    void parsesTelAndOtherSchemes() {
        TelUri t = TelUri.parse("tel:+1-201-555-0123;phone-context=example.com");
        assertTrue(t.isGlobal());
        assertEquals("+1-201-555-0123", t.number());
        assertEquals("+12015550123", t.digits());
        assertEquals("example.com", t.param("phone-context"));
        assertInstanceOf(GenericUri.class, Uri.parse("isbn:2983792873"));
        assertEquals("http", Uri.parse("http://www.example.com").scheme());
        assertNull(Uri.parse("sip:"));
        assertNull(Uri.parse("not a uri"));
    }

    @Test
    void nameAddrParsesDisplayNamesAndHeaderParameters() {
        NameAddr a = NameAddr.parse("\"J Rosenberg \\\"\" <sip:jdrosen@example.com>;tag=98asjd8");
        assertEquals("J Rosenberg \"", a.displayName());
        assertEquals("98asjd8", a.tag());
        NameAddr noLws = NameAddr.parse("caller<sip:caller@example.com>;tag=323");
        assertEquals("caller", noLws.displayName());
        NameAddr spec = NameAddr.parse("sip:+19725552222@gw1.example.net;unknownparam");
        assertEquals("", spec.param("unknownparam"));
        assertNull(spec.sipUri().param("unknownparam"), "addr-spec params belong to the header (RFC 4475 3.3.12)");
        assertEquals("<sip:a@b>;tag=x", NameAddr.parse("<sip:a@b>").withTag("x").toString());
        assertTrue(NameAddr.parse("*").isStar());
        assertNull(NameAddr.parse("Bell, Alexander <sip:a.g.bell@bell-tel.com>"));
    }

    @Test
    void viaExposesSentByAndRfc3581Parameters() {
        Via v = Via.parse("SIP/2.0/udp [2001:db8::9]:5070;branch=z9hG4bK74bf9;rport;received=2001:db8::9:255");
        assertEquals("UDP", v.transport());
        assertEquals("2001:db8::9", v.host());
        assertEquals(5070, v.port());
        assertTrue(v.hasRport());
        assertEquals(-1, v.rport());
        assertEquals("2001:db8::9:255", v.received());
        assertTrue(v.isRfc3261Branch());
        assertFalse(Via.parse("SIP/2.0/UDP h;branch=z9hG4bK").isRfc3261Branch());
        assertNull(Via.parse("SIP/2.0/UDP h").branch());
        assertNull(Via.parse("SIP/2.0/UDP 192.0.2.15;;,"));
    }

    @Test
    void withSourceFillsRportAndReceivedPerRfc3581() {
        Via rport = Via.parse("SIP/2.0/UDP 10.0.0.5:5060;branch=z9hG4bKa;rport");
        Via nat = rport.withSource("198.51.100.20", 40312);
        assertEquals(40312, nat.rport());
        assertEquals("198.51.100.20", nat.received());
        assertEquals("SIP/2.0/UDP 10.0.0.5:5060;branch=z9hG4bKa;rport=40312;received=198.51.100.20", nat.toString());
        Via same = Via.parse("SIP/2.0/UDP 198.51.100.20;branch=z9hG4bKb");
        assertEquals(same, same.withSource("198.51.100.20", 5060));
        assertEquals("10.1.1.1", Via.parse("SIP/2.0/UDP h.example;branch=z9hG4bKc").withSource("10.1.1.1", 5060).received());
        assertEquals("SIP/2.0/TLS 203.0.113.1:5061;branch=z9hG4bKd", Via.of("tls", "203.0.113.1", 5061, "z9hG4bKd").toString());
    }
}
