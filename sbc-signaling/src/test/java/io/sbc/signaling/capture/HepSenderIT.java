package io.sbc.signaling.capture;

import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** HEP3 over real UDP to a listener that decodes it, as a Homer collector would. */
class HepSenderIT {

    @Test
    void sendsEveryCaptureAsOneHep3DatagramToTheCollector() throws Exception {
        try (DatagramChannel homer = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0))) {
            homer.socket().setSoTimeout(5000);
            InetSocketAddress at = (InetSocketAddress) homer.getLocalAddress();
            try (HepSender sender = new HepSender(at, 7, null)) {
                for (int i = 0; i < 5; i++) {
                    byte[] m = ("MESSAGE " + i + " SIP/2.0\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
                    sender.capture(i % 2 == 0, "UDP", new InetSocketAddress("127.0.0.10", 5060 + i),
                            new InetSocketAddress("127.0.0.20", 5060), m, 0, m.length, "call-" + i, SipCapture.nowMicros());
                }
                for (int i = 0; i < 5; i++) {
                    ByteBuffer buf = ByteBuffer.allocate(65_536);
                    java.nio.channels.DatagramChannel ch = homer;
                    ch.configureBlocking(true);
                    assertNotNull(ch.receive(buf));
                    buf.flip();
                    Map<Integer, byte[]> c = HepDecoder.decode(buf);
                    assertArrayEquals(("call-" + i).getBytes(StandardCharsets.US_ASCII), c.get(HepEncoder.CORRELATION_ID));
                    assertEquals(5060 + i, HepDecoder.u16(c.get(HepEncoder.SRC_PORT)));
                    assertEquals(7, HepDecoder.u32(c.get(HepEncoder.AGENT_ID)));
                }
                assertEquals(0, sender.dropped());
            }
        }
    }
}
