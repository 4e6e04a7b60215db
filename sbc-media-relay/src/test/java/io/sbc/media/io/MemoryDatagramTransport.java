package io.sbc.media.io;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An in-memory UDP network for deterministic packet-path unit tests: endpoints bound to any address
 * (private ones too), datagrams delivered into a bounded per-endpoint ring of preallocated buffers
 * (no allocation per datagram, so allocation tests stay meaningful). It also records every send's
 * target so tests can assert where the relay never sent. Real-socket behaviour is covered by the ITs.
 *
 * <p>Datagram delivery is single-threaded (tests drive the worker's {@code doWork()} on the test
 * thread); binding and closing are thread-safe so several worker threads may set up streams.
 */
public final class MemoryDatagramTransport implements DatagramTransport {

    private static final int RING = 256;
    private static final int MAX = 4096;

    private final Map<InetSocketAddress, Endpoint> bound = new java.util.concurrent.ConcurrentHashMap<>();
    private final List<InetSocketAddress> undeliverable = new ArrayList<>();
    private int nextEphemeral = 50_000;
    private boolean recordTargets = true;
    private final List<InetSocketAddress> sendTargets = new ArrayList<>();
    private int awaits;

    @Override
    public synchronized Endpoint bind(InetAddress address, int port) throws IOException {
        int p = port == 0 ? nextEphemeral++ : port;
        InetSocketAddress local = new InetSocketAddress(address, p);
        if (bound.containsKey(local)) {
            throw new BindException("in use: " + local);
        }
        Endpoint e = new Endpoint(local);
        bound.put(local, e);
        return e;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <A> DatagramPoller<A> newPoller() {
        return new Poller<>();
    }

    @Override
    public String name() {
        return "memory";
    }

    /**
     * How often a poller of this network was asked to wait for readiness. The wait itself returns at
     * once: nothing arrives in the in-memory network while the test thread waits.
     */
    public int awaits() {
        return awaits;
    }

    /** The endpoint bound at {@code address}, or null. */
    public Endpoint endpointAt(InetSocketAddress address) {
        return bound.get(address);
    }

    /** Every target any endpoint sent to, in order (turn off for allocation tests). */
    public List<InetSocketAddress> sendTargets() {
        return sendTargets;
    }

    public void recordTargets(boolean on) {
        recordTargets = on;
        sendTargets.clear();
    }

    /** Sends to addresses nobody is bound to (they vanish, as UDP would). */
    public List<InetSocketAddress> undeliverable() {
        return undeliverable;
    }

    /** An in-memory socket. */
    public final class Endpoint implements DatagramEndpoint {
        private final InetSocketAddress local;
        private final byte[][] data = new byte[RING][MAX];
        private final int[] lens = new int[RING];
        private final InetSocketAddress[] sources = new InetSocketAddress[RING];
        private final long[] arrivals = new long[RING];
        private long lastArrival = -1;
        /**
         * Kernel-style arrival stamp given to the next datagram delivered to this endpoint, then reset
         * to -1 (no stamp), so tests can script arrival times as {@code SO_TIMESTAMPNS} would.
         */
        public long stampNextArrival = -1;
        private int head;
        private int size;
        private InetSocketAddress lastSource;
        private boolean closed;
        public long dropped;
        /** The peer {@link #connect} associated this socket with, else null; as the kernel, only it is heard. */
        public InetSocketAddress connectedTo;
        public int connects;
        public int disconnects;
        /** Datagrams from other sources a connected socket never saw (the kernel's drop). */
        public long refusedByConnect;

        Endpoint(InetSocketAddress local) {
            this.local = local;
        }

        public InetSocketAddress address() {
            return local;
        }

        @Override
        public int localPort() {
            return local.getPort();
        }

        boolean readable() {
            return size > 0;
        }

        public int pending() {
            return size;
        }

        @Override
        public int receive(byte[] buf, int off, int maxLen) {
            if (size == 0) {
                return -1;
            }
            int n = lens[head];
            System.arraycopy(data[head], 0, buf, off, Math.min(n, maxLen));
            lastSource = sources[head];
            lastArrival = arrivals[head];
            head = (head + 1) % RING;
            size--;
            return n;
        }

        @Override
        public InetSocketAddress lastSource() {
            return lastSource;
        }

        @Override
        public long lastArrivalNanos() {
            return lastArrival;
        }

        @Override
        public boolean send(byte[] buf, int off, int len, InetSocketAddress target) {
            if (recordTargets) {
                sendTargets.add(target);
            }
            Endpoint to = bound.get(target);
            if (to == null || to.closed) {
                if (recordTargets) {
                    undeliverable.add(target);
                }
                return true;
            }
            if (to.connectedTo != null && !to.connectedTo.equals(local)) {
                to.refusedByConnect++;
                return true;
            }
            if (to.size == RING || len > MAX) {
                to.dropped++;
                return true;
            }
            int slot = (to.head + to.size) % RING;
            System.arraycopy(buf, off, to.data[slot], 0, len);
            to.lens[slot] = len;
            to.sources[slot] = local;
            to.arrivals[slot] = to.stampNextArrival;
            to.stampNextArrival = -1;
            to.size++;
            return true;
        }

        @Override
        public boolean connect(InetSocketAddress peer) {
            connectedTo = peer;
            connects++;
            return true;
        }

        @Override
        public void disconnect() {
            if (connectedTo != null) {
                connectedTo = null;
                disconnects++;
            }
        }

        @Override
        public void close() {
            closed = true;
            bound.remove(local, this);
        }
    }

    private final class Poller<A> implements DatagramPoller<A> {
        private final List<Endpoint> endpoints = new ArrayList<>();
        private final List<A> attachments = new ArrayList<>();

        @Override
        public void register(DatagramEndpoint endpoint, A attachment) {
            endpoints.add((Endpoint) endpoint);
            attachments.add(attachment);
        }

        @Override
        public void deregister(DatagramEndpoint endpoint) {
            int i = endpoints.indexOf(endpoint);
            if (i >= 0) {
                endpoints.remove(i);
                attachments.remove(i);
            }
        }

        @Override
        public int pollNow(ReadyHandler<A> handler) {
            int work = 0;
            for (int i = 0; i < endpoints.size(); i++) {
                if (endpoints.get(i).readable()) {
                    work += handler.onReadable(attachments.get(i));
                }
            }
            return work;
        }

        @Override
        public void awaitReadable(long maxNanos) {
            awaits++;
        }

        @Override
        public void close() {
            endpoints.clear();
            attachments.clear();
        }
    }
}
