package io.sbc.signaling.dns;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A minimal DNS stub client over UDP (RFC 1035 §4.2.1) toward one configured recursive server.
 * Each query uses a fresh socket (a random source port from the kernel) and a random ID, and accepts
 * only a response from the server's address that echoes the ID and the question (RFC 5452 §9.1).
 *
 * <p>{@link #query} blocks: it runs on the resolver's executor, never on an event loop.
 * Bounded: {@code attempts} sends of at most {@code timeout} each; UDP responses up to 1232 bytes
 * (EDNS(0)); a truncated one (TC) is asked again over TCP (RFC 7766), whose message is at most 65535.
 * Thread-safe (no shared mutable state but the SecureRandom, which is thread-safe).
 */
public final class DnsClient {
    /** Default server port. */
    public static final int DNS_PORT = 53;
    private static final int MAX_RESPONSE_BYTES = 1232;

    private final InetSocketAddress server;
    private final int timeoutMillis;
    private final int attempts;
    private final SecureRandom random = new SecureRandom();

    public DnsClient(InetSocketAddress server, Duration timeout, int attempts) {
        this.server = Objects.requireNonNull(server, "server");
        this.timeoutMillis = (int) Math.max(1, timeout.toMillis());
        if (attempts < 1 || attempts > 10) {
            throw new IllegalArgumentException("attempts must be 1..10");
        }
        this.attempts = attempts;
    }

    public InetSocketAddress server() {
        return server;
    }

    /** The answer for {@code name}/{@code type}; {@link DnsAnswer#TIMEOUT} when the server never answered. */
    public DnsAnswer query(String name, int type) {
        int id = random.nextInt(0x10000);
        byte[] q = DnsWire.query(id, name, type);
        if (q == null) {
            return new DnsAnswer(DnsAnswer.NXDOMAIN, List.of(), DnsWire.DEFAULT_NEGATIVE_TTL_SECONDS);
        }
        DnsAnswer last = new DnsAnswer(DnsAnswer.TIMEOUT, List.of(), 0);
        for (int i = 0; i < attempts; i++) {
            try (DatagramSocket socket = new DatagramSocket()) {
                socket.connect(server); // the kernel drops datagrams from any other source
                socket.setSoTimeout(timeoutMillis);
                socket.send(new DatagramPacket(q, q.length));
                long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
                byte[] buf = new byte[MAX_RESPONSE_BYTES];
                while (true) {
                    DatagramPacket p = new DatagramPacket(buf, buf.length);
                    socket.receive(p);
                    DnsAnswer a = DnsWire.parse(buf, p.getLength(), id, name, type);
                    if (a.rcode() != DnsAnswer.MALFORMED) {
                        if (DnsWire.isTruncated(buf, p.getLength())) {
                            DnsAnswer full = queryTcp(q, id, name, type);
                            return full.rcode() >= 0 ? full : a; // TCP failed: use what the datagram held
                        }
                        return a;
                    }
                    last = a;
                    int left = (int) ((deadline - System.nanoTime()) / 1_000_000L);
                    if (left <= 0) {
                        break;
                    }
                    socket.setSoTimeout(left);
                }
            } catch (SocketTimeoutException e) {
                // next attempt
            } catch (IOException e) {
                last = new DnsAnswer(DnsAnswer.TIMEOUT, List.of(), 0);
            }
        }
        return last;
    }

    /** The same query over TCP with its 2-byte length prefix (RFC 1035 §4.2.2, RFC 7766). */
    private DnsAnswer queryTcp(byte[] q, int id, String name, int type) {
        try (Socket s = new Socket()) {
            s.connect(server, timeoutMillis);
            s.setSoTimeout(timeoutMillis);
            DataOutputStream out = new DataOutputStream(s.getOutputStream());
            out.writeShort(q.length);
            out.write(q);
            out.flush();
            DataInputStream in = new DataInputStream(s.getInputStream());
            int len = in.readUnsignedShort(); // at most 65535: the bound of a DNS message over TCP
            byte[] buf = new byte[len];
            in.readFully(buf);
            return DnsWire.parse(buf, len, id, name, type);
        } catch (IOException e) {
            return new DnsAnswer(DnsAnswer.TIMEOUT, List.of(), 0);
        }
    }

    /**
     * The first {@code nameserver} of a resolv.conf (resolv.conf(5)), port 53; null when there is none
     * or the file cannot be read. The default DNS server when policy names none.
     */
    public static InetSocketAddress firstNameserver(Path resolvConf) {
        try {
            for (String line : Files.readAllLines(resolvConf)) {
                String t = line.trim();
                if (t.startsWith("nameserver")) {
                    String[] parts = t.split("\\s+");
                    if (parts.length >= 2) {
                        String host = parts[1];
                        int pct = host.indexOf('%');
                        if (pct >= 0) {
                            host = host.substring(0, pct);
                        }
                        // A literal address: InetSocketAddress does no lookup for it.
                        return new InetSocketAddress(java.net.InetAddress.getByName(host), DNS_PORT);
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
        return null;
    }
}
