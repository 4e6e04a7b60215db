package io.sbc.media.daemon;

import java.io.IOException;
import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import sun.misc.Signal;

/**
 * {@code ops/sbc relay}: a standalone media relay speaking rtpengine's ng protocol (design.md, CLI
 * contract). Prints one line per listening address, runs until SIGTERM (or SIGINT), then closes the
 * control socket and every media port and returns 0. Bad arguments: one line and exit 2; a failure
 * to start (address in use, no such local address): one line and exit 1.
 */
public final class RelayMain {
    private RelayMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the relay until SIGTERM/SIGINT; returns the process exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
            out.println(RelayOptions.USAGE);
            return 0;
        }
        RelayOptions.Parsed parsed = RelayOptions.parse(args);
        if (!parsed.ok()) {
            err.println("sbc relay: " + parsed.error());
            err.println(RelayOptions.USAGE);
            return 2;
        }
        CountDownLatch stop = new CountDownLatch(1);
        // Handle the signals ourselves, so SIGTERM ends in an orderly close and exit status 0
        // (a JVM killed through its shutdown hooks exits 143).
        Signal.handle(new Signal("TERM"), s -> stop.countDown());
        Signal.handle(new Signal("INT"), s -> stop.countDown());
        return serve(parsed.options(), stop, out, err);
    }

    /** Starts the relay, reports its addresses, waits for {@code stop}, closes. */
    static int serve(RelayOptions options, CountDownLatch stop, PrintStream out, PrintStream err) {
        StandaloneRelay relay;
        try {
            relay = StandaloneRelay.start(options);
        } catch (IOException | RuntimeException e) {
            err.println("sbc relay: cannot start: " + e.getMessage());
            return 1;
        }
        out.println("relay: ng control listening on udp:" + hostPort(relay.control().getAddress().getHostAddress(),
                relay.control().getPort()) + " pid=" + ProcessHandle.current().pid());
        for (Map.Entry<String, String> e : options.interfaces().entrySet()) {
            out.println("relay: media interface " + e.getKey() + " on " + e.getValue() + " ports "
                    + options.portLow() + "-" + options.portHigh());
        }
        out.println("relay: workers=" + options.workers() + " idle=" + options.idle() + " learning="
                + options.learning().name().toLowerCase(java.util.Locale.ROOT) + " media-timeout="
                + options.mediaTimeout().toMillis() + "ms");
        out.flush();
        try {
            stop.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        relay.close();
        out.println("relay: stopped");
        out.flush();
        return 0;
    }

    private static String hostPort(String host, int port) {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
