package io.sbc.signaling.transport;

import io.netty.buffer.ByteBuf;
import org.junit.jupiter.api.Test;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Listen points opened and closed while running, as a policy reload does. */
class ListenPointReloadIT {
    private static final byte[] MESSAGE = ("OPTIONS sip:x SIP/2.0\r\nContent-Length: 0\r\n\r\n").getBytes(StandardCharsets.US_ASCII);

    @Test
    void opensAndClosesListenPointsWhileRunning() throws Exception {
        ConcurrentLinkedQueue<Flow> seen = new ConcurrentLinkedQueue<>();
        FrameListener listener = new FrameListener() {
            @Override
            public void onFrame(Flow flow, ByteBuf frame) {
                seen.add(flow);
            }
        };
        ListenPoint first = ListenPoint.of(Transport.UDP, new InetSocketAddress("127.0.0.1", 0), "a");
        try (SipTransportManager m = new SipTransportManager(TransportConfig.defaults(), listener)) {
            m.start(List.of(first));
            ListenPoint bound1 = m.listening().get(0);

            ListenPoint added = m.open(ListenPoint.of(Transport.TCP, new InetSocketAddress("127.0.0.1", 0), "b"));
            assertEquals(2, m.listening().size());
            try (Socket s = new Socket("127.0.0.1", added.address().getPort())) {
                s.getOutputStream().write(MESSAGE);
                s.getOutputStream().flush();
                waitFor(() -> seen.stream().anyMatch(f -> f.transport() == Transport.TCP && "b".equals(f.realm())));
            }

            assertTrue(m.close(bound1));
            assertFalse(m.close(bound1), "closing twice must say it was not listening");
            assertEquals(List.of(added), m.listening());
            // The port is free again: the closed socket is really gone.
            try (DatagramSocket again = new DatagramSocket(bound1.address())) {
                again.send(new DatagramPacket(MESSAGE, MESSAGE.length, added.address()));
            }
            assertThrows(java.io.IOException.class,
                    () -> m.open(ListenPoint.of(Transport.TCP, added.address(), "c")), "binding a taken port must fail");
            assertEquals(1, m.listening().size());
        }
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 10 s");
            }
            Thread.sleep(10);
        }
    }
}
