package io.sbc.media.relay;

import io.sbc.media.session.LatchingFlags;
import io.sbc.media.session.ReceptionFigures;
import io.sbc.media.session.SrtpParams;
import io.sbc.media.session.StreamInfo;
import io.sbc.media.session.StreamListener;
import io.sbc.media.srtp.SdesKeyParams;
import io.sbc.media.srtp.SrtpContext;
import io.sbc.media.srtp.SrtpCryptoSuite;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Adapts the session layer's {@link StreamListener} (one {@link StreamInfo} per side, paired by
 * {@code peerStreamId}) to the relay's stream pairs: when both sides of a stream are known it adds a
 * {@link RelayStreamSpec} (id = the lower of the two stream ids, leg A = that side), re-sends it on
 * every update and removes it when either side goes.
 *
 * <p><b>Flag mapping</b> (rtpengine semantics, made safe for NAT):
 * <ul>
 *   <li>{@code symmetric} → learning = the realm's mode given to the constructor (default
 *       {@link EndpointLearning#DELAYED}); not symmetric (rtpengine {@code asymmetric}) → OFF and the
 *       SDP address is trusted as is.</li>
 *   <li>{@code trustAddress} with symmetric learning does <em>not</em> make the relay send to a
 *       private SDP address before the peer has sent anything: {@link StreamInfo} does not carry the
 *       signaling source, so the NAT rule of {@link PeerLatch} applies (issue #4: the default must not
 *       send to a private address learnt from SDP).</li>
 *   <li>Strict source after latching is on unless {@code mediaHandover} is set ({@code strictSource}
 *       forces it on).</li>
 *   <li>SRTP: {@code srtpIn}/{@code srtpOut} SDES parameters become {@link SrtpContext}s; a context is
 *       kept across updates while its parameters are unchanged, so ROC and replay state survive
 *       re-offers and hold/resume.</li>
 * </ul>
 * Clock rate and the telephone-event payload type are not in {@link StreamInfo}; 8000 Hz and 101 are
 * used for statistics only (relaying does not depend on them).
 *
 * <p>Owner: the control thread that calls the listener (as {@link StreamListener} requires). It
 * never blocks: relay commands complete asynchronously and failures go to {@code onError}.
 */
public final class SessionStreamBridge implements StreamListener {

    private final MediaRelay relay;
    private final EndpointLearning learning;
    private final Consumer<String> onError;
    private final Map<Long, StreamInfo> sides = new HashMap<>();
    private final Map<Long, Crypto> crypto = new HashMap<>();
    private final Map<Long, Boolean> active = new HashMap<>();
    /**
     * The relay's own addresses by their text: one {@link InetAddress} per interface for every leg
     * spec, not one per leg and update (a held call keeps its specs). Bounded by the interfaces of
     * the session configuration (a handful).
     */
    private final Map<String, InetAddress> localAddresses = new HashMap<>();

    /** The pair last asked for figures and the snapshot asked (see {@link #figures}); control thread only. */
    private long lastQueriedPair = -1;
    private CompletableFuture<StreamStats> lastQuery;

    private record Crypto(SrtpParams params, PacketCrypto context) {
    }

    /**
     * @param relay the relay to drive
     * @param learning endpoint learning for symmetric streams (the realm's setting)
     * @param onError told (on whichever thread completes the command) when a relay command fails
     */
    public SessionStreamBridge(MediaRelay relay, EndpointLearning learning, Consumer<String> onError) {
        this.relay = Objects.requireNonNull(relay, "relay");
        this.learning = Objects.requireNonNull(learning, "learning");
        this.onError = Objects.requireNonNull(onError, "onError");
    }

    @Override
    public void onStreamAdded(StreamInfo stream) {
        sides.put(stream.streamId(), stream);
        StreamInfo peer = sides.get(stream.peerStreamId());
        long id = pairId(stream);
        if (peer != null && !active.containsKey(id)) {
            RelayStreamSpec spec = spec(stream, peer);
            if (spec != null) {
                active.put(id, Boolean.TRUE);
                report(relay.addStream(spec), "add " + id);
            }
        }
    }

    @Override
    public void onStreamUpdated(StreamInfo stream) {
        sides.put(stream.streamId(), stream);
        StreamInfo peer = sides.get(stream.peerStreamId());
        long id = pairId(stream);
        if (peer == null) {
            return;
        }
        RelayStreamSpec spec = spec(stream, peer);
        if (spec == null) {
            return;
        }
        if (active.containsKey(id)) {
            report(relay.updateStream(spec), "update " + id);
        } else {
            active.put(id, Boolean.TRUE);
            report(relay.addStream(spec), "add " + id);
        }
    }

    @Override
    public void onStreamRemoved(StreamInfo stream) {
        sides.remove(stream.streamId());
        crypto.remove(stream.streamId() * 2);
        crypto.remove(stream.streamId() * 2 + 1);
        long id = pairId(stream);
        if (active.remove(id) != null) {
            report(relay.removeStream(id), "remove " + id);
        }
    }

    /**
     * Asks the worker owning {@code stream}'s relayed pair for a snapshot and picks the leg that
     * receives from {@code stream}'s side (leg A is the side with the lower stream id).
     */
    @Override
    public CompletableFuture<ReceptionFigures> figures(StreamInfo stream) {
        long id = pairId(stream);
        if (!active.containsKey(id)) {
            return CompletableFuture.completedFuture(null);
        }
        boolean sideA = stream.streamId() == id;
        // Both sides of a pair are asked back to back (a delete's final figures): they share the one
        // snapshot still on its way instead of costing the worker a second command and wake-up.
        CompletableFuture<StreamStats> q = id == lastQueriedPair && lastQuery != null && !lastQuery.isDone()
                ? lastQuery : relay.queryStream(id);
        lastQueriedPair = id;
        lastQuery = q;
        return q.thenApply(stats -> reception(sideA ? stats.a() : stats.b()));
    }

    static ReceptionFigures reception(LegStats leg) {
        return new ReceptionFigures(leg.rtpSsrc(), leg.rtpExpected(), leg.rtpReceived(), leg.rtpLost(),
                leg.jitterMs(), leg.rttMs(), leg.mos());
    }

    private static long pairId(StreamInfo s) {
        return Math.min(s.streamId(), s.peerStreamId());
    }

    private RelayStreamSpec spec(StreamInfo x, StreamInfo y) {
        StreamInfo a = x.streamId() < y.streamId() ? x : y;
        StreamInfo b = a == x ? y : x;
        RelayLegSpec legA = leg(a);
        RelayLegSpec legB = leg(b);
        return legA == null || legB == null ? null : new RelayStreamSpec(a.streamId(), a.callId(), legA, legB);
    }

    private RelayLegSpec leg(StreamInfo s) {
        try {
            InetAddress local = localAddresses.get(s.localAddress());
            if (local == null) {
                local = InetAddress.getByName(s.localAddress()); // a literal IP: no DNS lookup
                localAddresses.put(s.localAddress(), local);
            }
            // One InetAddress for the peer's RTP and RTCP targets (same host, two ports).
            InetAddress peer = s.remoteAddress() == null ? null : InetAddress.getByName(s.remoteAddress());
            InetSocketAddress rtp = remote(peer, s.remoteRtpPort());
            InetSocketAddress rtcp = s.rtcpMux() ? null : remote(peer, s.remoteRtcpPort());
            LatchingFlags f = s.latching();
            boolean symmetric = f == null || f.symmetric();
            boolean strict = f == null || f.strictSource() || !f.mediaHandover();
            PacketCrypto in = crypto(s.streamId() * 2, s.srtpIn());
            PacketCrypto out = crypto(s.streamId() * 2 + 1, s.srtpOut());
            var counters = s.counters();
            return new RelayLegSpec(local, s.localRtpPort(), s.rtcpMux(), s.rtcpMux() ? 0 : s.localRtcpPort(), rtp, rtcp,
                    null, !symmetric, symmetric ? learning : EndpointLearning.OFF, strict, in, out, 8000, 101,
                    counters == null ? null : counters::onPacket);
        } catch (UnknownHostException | IllegalArgumentException e) {
            onError.accept("stream " + s.streamId() + ": " + e.getMessage());
            return null;
        }
    }

    private static InetSocketAddress remote(InetAddress address, int port) {
        return address == null || port <= 0 ? null : new InetSocketAddress(address, port);
    }

    private PacketCrypto crypto(long key, SrtpParams params) {
        if (params == null) {
            crypto.remove(key);
            return null;
        }
        Crypto cached = crypto.get(key);
        if (cached != null && cached.params().equals(params)) {
            return cached.context();
        }
        SrtpCryptoSuite suite = SrtpCryptoSuite.fromSdesName(params.suite());
        if (suite == null) {
            throw new IllegalArgumentException("unknown SRTP suite " + params.suite());
        }
        SdesKeyParams.Parsed parsed = SdesKeyParams.parse(suite, params.keyParams());
        if (!parsed.ok()) {
            throw new IllegalArgumentException("bad SDES key params: " + parsed.error());
        }
        PacketCrypto context = new SrtpPacketCrypto(SrtpContext.fromSdes(parsed.value()));
        crypto.put(key, new Crypto(params, context));
        return context;
    }

    private <T> void report(CompletableFuture<T> f, String what) {
        f.whenComplete((v, e) -> {
            if (e != null) {
                onError.accept(what + ": " + e.getMessage());
            }
        });
    }
}
