package io.sbc.signaling.it;

import io.netty.channel.DefaultEventLoop;
import io.sbc.signaling.codec.ParseResult;
import io.sbc.signaling.codec.SipParser;
import io.sbc.signaling.codec.SipSerializer;
import io.sbc.signaling.message.SipRequest;
import io.sbc.signaling.message.SipResponse;
import io.sbc.signaling.registration.TransactionRequestSender;
import io.sbc.signaling.transaction.ClientTransaction;
import io.sbc.signaling.transaction.Destination;
import io.sbc.signaling.transaction.EventLoopTimerScheduler;
import io.sbc.signaling.transaction.InviteServerTransaction;
import io.sbc.signaling.transaction.NonInviteServerTransaction;
import io.sbc.signaling.transaction.ServerTransaction;
import io.sbc.signaling.transaction.Transaction;
import io.sbc.signaling.transaction.TransactionConfig;
import io.sbc.signaling.transaction.TransactionLayer;
import io.sbc.signaling.transaction.TransactionTimer;
import io.sbc.signaling.transaction.TransactionUser;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;

/**
 * A SIP endpoint for auth/registration ITs: the real codec and {@link TransactionLayer} on a Netty
 * {@link DefaultEventLoop}, over a real UDP socket on a loopback address. Requests go to a handler that
 * returns the response to send on the server transaction; client-transaction events go to a
 * {@link TransactionRequestSender}, as the UA core forwards them in production.
 */
final class LoopbackSipEndpoint implements AutoCloseable {
    final DefaultEventLoop loop = new DefaultEventLoop();
    final DatagramSocket socket;
    final TransactionLayer layer;
    final TransactionRequestSender sender;
    final EventLoopTimerScheduler scheduler = new EventLoopTimerScheduler(loop);
    private final Thread reader;

    LoopbackSipEndpoint(String ip, BiFunction<SipRequest, Destination, SipResponse> requestHandler) throws IOException {
        socket = new DatagramSocket(new InetSocketAddress(ip, 0));
        TransactionRequestSender[] s = new TransactionRequestSender[1];
        TransactionUser tu = new TransactionUser() {
            @Override
            public void onRequest(ServerTransaction transaction, SipRequest request) {
                SipResponse r = requestHandler.apply(request, transaction.destination());
                if (r != null) {
                    transaction.sendResponse(r);
                }
            }

            @Override
            public void onCancel(NonInviteServerTransaction c, SipRequest cancel, InviteServerTransaction target) {
            }

            @Override
            public void onAck(SipRequest ack, Destination source) {
            }

            @Override
            public void onResponse(ClientTransaction transaction, SipResponse response) {
                s[0].onResponse(transaction, response);
            }

            @Override
            public void onTimeout(Transaction transaction, TransactionTimer timer) {
                s[0].onTimeout(transaction, timer);
            }

            @Override
            public void onTransportError(Transaction transaction, String reason) {
                s[0].onTransportError(transaction, reason);
            }
        };
        layer = new TransactionLayer(TransactionConfig.defaults(), scheduler, (message, destination, errors) -> {
            byte[] bytes = SipSerializer.encode(message);
            try {
                socket.send(new DatagramPacket(bytes, bytes.length, destination.remote()));
            } catch (IOException e) {
                errors.transportError(e.getMessage());
            }
        }, tu);
        sender = new TransactionRequestSender(layer);
        s[0] = sender;
        reader = new Thread(this::readLoop, "auth-it-reader");
        reader.setDaemon(true);
        reader.start();
    }

    int port() {
        return socket.getLocalPort();
    }

    private void readLoop() {
        byte[] buf = new byte[65535];
        SipParser parser = new SipParser();
        while (!socket.isClosed()) {
            try {
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                socket.receive(p);
                byte[] copy = Arrays.copyOf(p.getData(), p.getLength());
                ParseResult r = parser.parse(copy, 0, copy.length);
                if (!r.ok()) {
                    continue;
                }
                Destination from = Destination.udp((InetSocketAddress) p.getSocketAddress());
                if (r.message() instanceof SipResponse resp) {
                    loop.execute(() -> layer.receiveResponse(resp, from));
                } else {
                    SipRequest req = (SipRequest) r.message();
                    loop.execute(() -> layer.receiveRequest(req, from));
                }
            } catch (IOException e) {
                return;
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        socket.close();
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(5, TimeUnit.SECONDS);
    }
}
