package io.sbc.media.interop;

import io.sbc.media.bencode.BencodeDecoder;
import io.sbc.media.bencode.BencodeDictionary;
import io.sbc.media.bencode.BencodeEncoder;
import io.sbc.media.bencode.BencodeResult;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/** A minimal ng client for the tests' own checks (query, list, ping) against either relay. */
final class NgProbe implements AutoCloseable {
    private final DatagramSocket socket;
    private final InetSocketAddress relay;
    private int seq;

    NgProbe(InetSocketAddress relay) throws IOException {
        this.relay = relay;
        this.socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
        socket.setSoTimeout(1000);
    }

    /** Sends the request, returns the decoded reply, or null after three unanswered tries. */
    BencodeDictionary call(BencodeDictionary request) throws IOException {
        String cookie = "probe_" + ProcessHandle.current().pid() + "_" + (++seq);
        byte[] body = BencodeEncoder.encode(request);
        byte[] d = new byte[cookie.length() + 1 + body.length];
        System.arraycopy(cookie.getBytes(StandardCharsets.US_ASCII), 0, d, 0, cookie.length());
        d[cookie.length()] = ' ';
        System.arraycopy(body, 0, d, cookie.length() + 1, body.length);
        byte[] buf = new byte[65536];
        for (int attempt = 0; attempt < 3; attempt++) {
            socket.send(new DatagramPacket(d, d.length, relay));
            try {
                while (true) {
                    DatagramPacket p = new DatagramPacket(buf, buf.length);
                    socket.receive(p);
                    String s = new String(buf, 0, p.getLength(), StandardCharsets.ISO_8859_1);
                    if (s.startsWith(cookie + " ")) {
                        BencodeResult r = new BencodeDecoder().decode(buf, cookie.length() + 1,
                                p.getLength() - cookie.length() - 1);
                        return r.isOk() && r.value() instanceof BencodeDictionary dict ? dict : null;
                    }
                }
            } catch (SocketTimeoutException retry) {
                // UDP: try again
            }
        }
        return null;
    }

    @Override
    public void close() {
        socket.close();
    }
}
