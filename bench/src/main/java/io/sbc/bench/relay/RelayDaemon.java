package io.sbc.bench.relay;

import io.sbc.media.control.NgCommandDispatcher;
import io.sbc.media.control.NgServer;
import io.sbc.media.control.NgServerConfig;
import io.sbc.media.relay.EndpointLearning;
import io.sbc.media.relay.MediaRelay;
import io.sbc.media.relay.RelayConfig;
import io.sbc.media.relay.SessionStreamBridge;
import io.sbc.media.session.CallRegistry;
import io.sbc.media.session.SessionConfig;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * A standalone ng-controlled relay for the peer harnesses ({@code shared/peers/media}): the ng server
 * and session layer of {@code sbc-media-relay} wired to {@link MediaRelay} through
 * {@link SessionStreamBridge}, so {@code run-rtpengine-pps.sh --no-rtpengine --ng ... --relay-pid PID}
 * and {@code srtp_check.py} measure the relay the same way they measure rtpengine. Runs until killed.
 *
 * <pre>java -cp bench/target/benchmarks.jar io.sbc.bench.relay.RelayDaemon --ng 127.0.0.20:2223 \
 *     --address 127.0.0.20 --ports 30000-59999 --workers 1 --idle spin</pre>
 */
public final class RelayDaemon {

    public static void main(String[] args) throws Exception {
        String ng = "127.0.0.20:2223";
        String address = "127.0.0.20";
        String ports = "30000-59999";
        int workers = 1;
        String idle = "spin";
        EndpointLearning learning = EndpointLearning.DELAYED;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--ng" -> ng = args[++i];
                case "--address" -> address = args[++i];
                case "--ports" -> ports = args[++i];
                case "--workers" -> workers = Integer.parseInt(args[++i]);
                case "--idle" -> idle = args[++i];
                case "--learning" -> learning = EndpointLearning.parse(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        int dash = ports.indexOf('-');
        int low = Integer.parseInt(ports.substring(0, dash));
        int high = Integer.parseInt(ports.substring(dash + 1));
        int colon = ng.lastIndexOf(':');
        InetSocketAddress ngAddress = new InetSocketAddress(InetAddress.getByName(ng.substring(0, colon)),
                Integer.parseInt(ng.substring(colon + 1)));

        MediaRelay relay = MediaRelay.start(RelayConfig.defaults().withWorkers(workers).withIdle(idle),
                (id, callId, silent) -> System.err.println("media timeout: " + callId + " stream " + id));
        SessionStreamBridge bridge = new SessionStreamBridge(relay, learning, msg -> System.err.println("relay: " + msg));
        CallRegistry sessions = new CallRegistry(SessionConfig.of(Map.of("default", address), low, high), bridge,
                System::nanoTime, System.currentTimeMillis() / 1000, new SecureRandom());
        NgServer server = NgServer.start(NgServerConfig.of(ngAddress), new NgCommandDispatcher(sessions));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            relay.close();
            stopped.countDown();
        }, "relay-daemon-shutdown"));
        System.out.println("relay-daemon ready ng=" + ngAddress + " pid=" + ProcessHandle.current().pid()
                + " workers=" + workers + " idle=" + idle);
        stopped.await();
    }
}
