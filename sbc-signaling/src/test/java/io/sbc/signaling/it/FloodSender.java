package io.sbc.signaling.it;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * {@link FloodWithLegitimateCallsIT}'s flooder, run as its own process at nice 19: a real flood
 * arrives from the network, so it must not take the CPU the SBC's worker needs (in the test's JVM,
 * two flooder threads sending as fast as they can starved the worker on a two-CPU host and overload
 * control rightly refused legitimate calls). Sends {@code count} datagrams as fast as one thread can
 * from {@code from} to the SBC; OPTIONS alternate with REGISTER. Prints {@code first <epoch
 * microseconds>} just before the first datagram (the parent times the ban from it: the wall clock is
 * shared across processes) and {@code sent <n>} at the end.
 *
 * <p>Usage: {@code FloodSender FROM-ADDRESS COUNT INVITE|OPTIONS SBC-ADDRESS SBC-PORT}
 */
public final class FloodSender {
    private FloodSender() {}

    public static void main(String[] args) {
        String from = args[0];
        int count = Integer.parseInt(args[1]);
        String method = args[2];
        InetSocketAddress sbc = new InetSocketAddress(args[3], Integer.parseInt(args[4]));
        byte[][] msgs = method.equals("INVITE") ? new byte[][] {request("INVITE", from, 1, sbc)}
                : new byte[][] {request("OPTIONS", from, 1, sbc), request("REGISTER", from, 2, sbc)};
        int sent = 0;
        try (DatagramChannel ch = DatagramChannel.open()) {
            ch.bind(new InetSocketAddress(from, 0));
            ch.connect(sbc);
            ByteBuffer[] buffers = new ByteBuffer[msgs.length];
            for (int i = 0; i < msgs.length; i++) {
                buffers[i] = ByteBuffer.wrap(msgs[i]);
            }
            System.out.println("first " + epochMicros());
            System.out.flush();
            for (; sent < count; sent++) {
                ByteBuffer b = buffers[sent % buffers.length];
                b.clear();
                ch.write(b);
            }
        } catch (IOException e) {
            // ICMP errors on a connected socket surface here; the flood is over either way.
        }
        System.out.println("sent " + sent);
    }

    static long epochMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }

    private static byte[] request(String method, String from, int cseq, InetSocketAddress sbc) {
        String host = sbc.getHostString();
        String user = method.equals("REGISTER") ? "sip:" + host : "sip:999000111@" + host;
        String text = method + " " + user + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP " + from + ":5099;branch=z9hG4bK-flood-" + method + ";rport\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:flood@" + from + ">;tag=flood\r\n"
                + "To: <sip:999000111@" + host + ">\r\n"
                + "Call-ID: flood-" + method + "@" + from + "\r\n"
                + "CSeq: " + cseq + " " + method + "\r\n"
                + "Contact: <sip:flood@" + from + ":5099>\r\n"
                + "Content-Length: 0\r\n\r\n";
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
