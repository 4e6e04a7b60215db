package io.sbc.bench.relay;

import io.sbc.media.daemon.RelayMain;
import java.util.ArrayList;
import java.util.List;

/**
 * The standalone relay for the peer harnesses ({@code bench/media/run.sh}, {@code srtp_check.py}):
 * kept for the benchmark jar's existing command lines, it now runs the production
 * {@link io.sbc.media.daemon.StandaloneRelay} through {@link RelayMain}. {@code --ng} is accepted as
 * the old name of {@code --control}; the defaults stay the benchmark's (127.0.0.20:2223, ports
 * 30000-59999, idle spin).
 *
 * <pre>java -cp bench/target/benchmarks.jar io.sbc.bench.relay.RelayDaemon --ng 127.0.0.20:2223 \
 *     --address 127.0.0.20 --ports 30000-59999 --workers 1 --idle spin</pre>
 */
public final class RelayDaemon {

    public static void main(String[] args) {
        List<String> a = new ArrayList<>(List.of("--control", "127.0.0.20:2223", "--address", "127.0.0.20",
                "--ports", "30000-59999", "--idle", "spin"));
        for (int i = 0; i < args.length; i++) {
            String opt = args[i].equals("--ng") ? "--control" : args[i];
            int prev = a.indexOf(opt);
            if (prev >= 0 && i + 1 < args.length && !opt.equals("--interface")) {
                a.set(prev + 1, args[++i]);
            } else {
                a.add(opt);
            }
        }
        System.exit(RelayMain.run(a.toArray(String[]::new), System.out, System.err));
    }
}
