package io.sbc.media.session;

import io.sbc.media.sdp.CryptoAttribute;
import io.sbc.media.sdp.CryptoSuite;
import io.sbc.media.sdp.IceCandidates;
import io.sbc.media.sdp.MediaDescription;
import io.sbc.media.sdp.MediaRewrite;
import io.sbc.media.sdp.RewritePlan;
import io.sbc.media.sdp.SessionDescription;
import io.sbc.media.sdp.Connection;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;

/**
 * The relay's calls: offer/answer/delete decisions (rtpengine semantics) over a call → monologue →
 * media → stream tree, port allocation, SDES key generation, and notification of the packet plane.
 *
 * <p>Each offer allocates two port pairs per enabled m= section: one on the offerer's interface
 * (where the offerer will send) and one on the answerer's interface (advertised in the rewritten
 * offer). A re-offer with the same tags keeps ports and keys of sections whose media type is
 * unchanged, and re-allocates only changed or new sections. All ports are allocated before any
 * state changes, so an exhausted range leaves the call as it was.
 *
 * <p>Owner: the relay control thread; not thread-safe.
 */
public final class CallRegistry implements MediaSessions {
    public static final String OUT_OF_PORTS = "Ran out of ports";
    public static final String NOT_FOUND = "Call-ID not found or tags didn't match";

    private final SessionConfig config;
    private final PortAllocator ports;
    private final StreamListener listener;
    private final LongSupplier nanoClock;
    private final long startNs;
    private final long startEpochSeconds;
    private final SecureRandom random;
    private final LinkedHashMap<String, Call> calls = new LinkedHashMap<>();
    private long nextStreamId = 1;
    private long managedSessions;
    private long rejectedSessions;
    private long timeoutSessions;
    /** The control thread, bound on first use; checked with assertions (single-writer rule). */
    private Thread owner;

    /**
     * @param nanoClock         monotonic clock (System::nanoTime; virtual in tests), also drives port quarantine
     * @param epochSecondsAtStart wall-clock seconds matching nanoClock's current reading (for "created" fields)
     */
    public CallRegistry(SessionConfig config, StreamListener listener, LongSupplier nanoClock, long epochSecondsAtStart,
                        SecureRandom random) {
        this.config = config;
        this.listener = listener;
        this.nanoClock = nanoClock;
        this.startNs = nanoClock.getAsLong();
        this.startEpochSeconds = epochSecondsAtStart;
        this.random = random;
        this.ports = new PortAllocator(config.portLow(), config.portHigh(), config.quarantine(), nanoClock);
    }

    /**
     * The configuration's own instance of an interface name (the caller checked it is configured):
     * every monologue of every held call then shares it instead of keeping the request's copy.
     */
    private String configured(String interfaceName) {
        for (String k : config.interfaces().keySet()) {
            if (k.equals(interfaceName)) {
                return k;
            }
        }
        return interfaceName;
    }

    private boolean onOwnerThread() {
        if (owner == null) {
            owner = Thread.currentThread();
        }
        return owner == Thread.currentThread();
    }

    public PortAllocator ports() {
        return ports;
    }

    private long nowEpochSeconds() {
        return startEpochSeconds + (nanoClock.getAsLong() - startNs) / 1_000_000_000L;
    }

    private static boolean isSavp(String proto) {
        return proto.contains("SAVP");
    }

    private static String addrType(String address) {
        return address.indexOf(':') >= 0 ? "IP6" : "IP4";
    }

    // ---------------------------------------------------------------- offer

    @Override
    public SignalResult offer(SignalRequest req) {
        assert onOwnerThread() : "CallRegistry used outside its control thread";
        SessionDescription sdp = req.sdp();
        Call call = calls.get(req.callId());
        if (call == null && calls.size() >= config.maxCalls()) {
            rejectedSessions++;
            return SignalResult.error("Too many calls (limit " + config.maxCalls() + ")");
        }
        Monologue a = call == null ? null : call.monologue(req.fromTag());
        if (a == null && call != null && req.toTag() != null) {
            // Re-INVITE in the other direction before the answerer's tag was learnt.
            a = call.monologue("");
            if (a != null) {
                a.tag = req.fromTag();
            }
        }
        if (a == null && call != null) {
            // One relay call per Call-ID with exactly two sides; a third tag is not ours to guess.
            return SignalResult.error(NOT_FOUND);
        }
        String ifaceA;
        String ifaceB;
        if (a == null) {
            List<String> dir = req.direction();
            ifaceA = dir.size() > 0 ? dir.get(0) : config.defaultInterface();
            ifaceB = dir.size() > 1 ? dir.get(1) : ifaceA;
            for (String i : new String[] {ifaceA, ifaceB}) {
                if (!config.interfaces().containsKey(i)) {
                    return SignalResult.error("Unknown interface '" + i + "'");
                }
            }
            ifaceA = configured(ifaceA);
            ifaceB = configured(ifaceB);
        } else {
            ifaceA = a.interfaceName;
            ifaceB = a.peer.interfaceName;
        }
        for (MediaDescription md : sdp.media()) {
            String out = req.transportProtocol() != null ? req.transportProtocol() : md.proto();
            if (!md.isDisabled() && out.startsWith("UDP/TLS")) {
                return SignalResult.error("DTLS-SRTP is not supported by this relay; use transport-protocol RTP/SAVP(F)");
            }
        }
        List<MediaLeg> oldA = a == null ? List.of() : a.media;
        List<MediaLeg> oldB = a == null ? List.of() : a.peer.media;
        // Phase 1: allocate every new port pair; roll back on exhaustion.
        int n = sdp.media().size();
        int[] newA = new int[n];
        int[] newB = new int[n];
        List<Integer> allocated = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            MediaDescription md = sdp.media().get(i);
            newA[i] = -1;
            newB[i] = -1;
            if (md.isDisabled() || reusable(oldA, oldB, i, md)) {
                continue;
            }
            newA[i] = ports.allocatePair();
            newB[i] = newA[i] < 0 ? -1 : ports.allocatePair();
            if (newA[i] < 0 || newB[i] < 0) {
                if (newA[i] >= 0) {
                    ports.releasePair(newA[i]);
                }
                for (int p : allocated) {
                    ports.releasePair(p);
                }
                if (call == null) {
                    rejectedSessions++;
                }
                return SignalResult.error(OUT_OF_PORTS);
            }
            allocated.add(newA[i]);
            allocated.add(newB[i]);
        }
        // Phase 2: apply.
        long now = nowEpochSeconds();
        if (call == null) {
            call = new Call(req.callId(), now);
            calls.put(req.callId(), call);
            managedSessions++;
        }
        call.lastSignalEpochSeconds = now;
        call.deleteAtNs = 0;
        if (a == null) {
            a = new Monologue(req.fromTag(), now, ifaceA);
            Monologue b = new Monologue(req.toTag() == null ? "" : req.toTag(), now, ifaceB);
            a.peer = b;
            b.peer = a;
            call.monologues.add(a);
            call.monologues.add(b);
        } else if (req.toTag() != null && a.peer.tag.isEmpty()) {
            a.peer.tag = req.toTag();
        }
        Monologue b = a.peer;
        if (req.viaBranch() != null) {
            a.viaBranch = req.viaBranch();
        }
        if (req.label() != null) {
            a.label = req.label();
        }
        String addrA = config.interfaces().get(a.interfaceName);
        String bindB = config.interfaces().get(b.interfaceName);
        String addrB = req.mediaAddress() != null ? req.mediaAddress() : bindB;
        List<String> warnings = new ArrayList<>();
        List<MediaRewrite> plan = new ArrayList<>(n);
        List<Stream[]> added = new ArrayList<>();
        List<Stream[]> updated = new ArrayList<>();
        for (int i = n; i < a.media.size(); i++) {
            removeStreams(call, a.media.get(i), b.media.get(i));
        }
        while (a.media.size() > n) {
            a.media.remove(a.media.size() - 1);
            b.media.remove(b.media.size() - 1);
        }
        for (int i = 0; i < n; i++) {
            MediaDescription md = sdp.media().get(i);
            MediaLeg la;
            MediaLeg lb;
            boolean fresh = newA[i] >= 0;
            if (i < a.media.size() && !fresh && !md.isDisabled()) {
                la = a.media.get(i);
                lb = b.media.get(i);
            } else {
                if (i < a.media.size()) {
                    removeStreams(call, a.media.get(i), b.media.get(i));
                }
                String type = SdpTokens.shared(md.mediaType());
                la = new MediaLeg(i, type);
                lb = new MediaLeg(i, type);
                if (i < a.media.size()) {
                    a.media.set(i, la);
                    b.media.set(i, lb);
                } else {
                    a.media.add(la);
                    b.media.add(lb);
                }
            }
            la.proto = SdpTokens.shared(md.proto());
            la.offeredRtcpMux = md.hasRtcpMux();
            la.hadIce = md.hasIce();
            la.peerCrypto = isSavp(md.proto()) ? md.cryptos() : List.of();
            la.demuxRequested = req.rtcpMux().contains(RtcpMuxOption.DEMUX);
            // The recipient side keeps the protocol it was given before (a re-offer in either direction
            // without transport-protocol must not flip a converted leg back), unless the flag says otherwise.
            String outProto = req.transportProtocol() != null ? req.transportProtocol()
                    : (!fresh && lb.proto != null ? lb.proto : md.proto());
            lb.proto = SdpTokens.shared(outProto);
            if (md.isDisabled()) {
                plan.add(MediaRewrite.builder().address(addrType(addrB), addrB).removeIce(true).removeDtls(true).build());
                continue;
            }
            if (fresh) {
                la.stream = new Stream(nextStreamId++, addrA, newA[i]);
                lb.stream = new Stream(nextStreamId++, bindB, newB[i]);
                added.add(new Stream[] {la.stream, lb.stream});
            } else {
                updated.add(new Stream[] {la.stream, lb.stream});
            }
            Stream sa = la.stream;
            Stream sb = lb.stream;
            setRemote(sa, sdp, md, req);
            sa.latching = req.latching();
            sb.latching = req.latching();
            // SDES toward the answerer (RFC 4568 §7.1): fresh keys per leg; re-offers keep them.
            List<CryptoAttribute> cryptoOut = List.of();
            if (isSavp(outProto) && !req.sdes().off()) {
                List<CryptoSuite> suites = new ArrayList<>();
                for (CryptoAttribute c : la.peerCrypto) {
                    CryptoSuite s = c.knownSuite();
                    if (s != null && req.sdes().allows(s) && !suites.contains(s)) {
                        suites.add(s);
                    }
                }
                if (suites.isEmpty()) {
                    suites = req.sdes().offerSuites(config.sdesSuites());
                }
                if (suites.isEmpty()) {
                    warnings.add("no SDES crypto suite left to offer on media " + i);
                }
                if (!sameSuites(lb.ourCrypto, suites) && !allAllowed(lb.ourCrypto, req.sdes())) {
                    List<CryptoAttribute> gen = new ArrayList<>();
                    for (int k = 0; k < suites.size(); k++) {
                        gen.add(CryptoAttribute.generate(k + 1, suites.get(k), random));
                    }
                    lb.ourCrypto = List.copyOf(gen);
                }
                cryptoOut = lb.ourCrypto;
            } else {
                lb.ourCrypto = List.of();
            }
            boolean require = req.rtcpMux().contains(RtcpMuxOption.REQUIRE);
            boolean offerMux = require || req.rtcpMux().contains(RtcpMuxOption.OFFER)
                    || (md.hasRtcpMux() && !req.rtcpMux().contains(RtcpMuxOption.DEMUX));
            lb.offerMux = offerMux;
            MediaRewrite.Builder mr = MediaRewrite.builder()
                    .address(addrType(addrB), addrB)
                    .port(sb.localRtpPort)
                    .proto(outProto)
                    .rtcpPort(require ? sb.localRtpPort : sb.localRtpPort + 1)
                    .rtcpMux(offerMux)
                    .removeIce(true)
                    .removeDtls(true)
                    .codecs(req.codecs())
                    .crypto(cryptoOut)
                    .direction(req.mediaDirection());
            if (req.ice() == IceMode.FORCE || (req.ice() == IceMode.DEFAULT && md.hasIce())) {
                mr.ice(iceFor(sb, addrB, !require));
            }
            plan.add(mr.build());
        }
        for (Stream[] s : added) {
            listener.onStreamAdded(info(call, a, s[0], s[1]));
            listener.onStreamAdded(info(call, b, s[1], s[0]));
        }
        for (Stream[] s : updated) {
            listener.onStreamUpdated(info(call, a, s[0], s[1]));
            listener.onStreamUpdated(info(call, b, s[1], s[0]));
        }
        String origin = req.replaceOrigin() ? addrB : null;
        String conn = sdp.connection() != null ? addrB : null;
        return SignalResult.ok(new RewritePlan(origin == null ? null : addrType(addrB), origin,
                conn == null ? null : addrType(addrB), conn, true, true, plan), warnings);
    }

    private static boolean reusable(List<MediaLeg> oldA, List<MediaLeg> oldB, int i, MediaDescription md) {
        return i < oldA.size() && oldA.get(i).stream != null && oldB.get(i).stream != null
                && oldA.get(i).type.equals(md.mediaType());
    }

    /** Keys already given to this side stay valid on re-offers (RFC 4568 §7.1.4 allows reuse). */
    private static boolean allAllowed(List<CryptoAttribute> have, SdesOptions sdes) {
        if (have.isEmpty()) {
            return false;
        }
        for (CryptoAttribute c : have) {
            if (c.knownSuite() == null || !sdes.allows(c.knownSuite())) {
                return false;
            }
        }
        return true;
    }

    private static boolean sameSuites(List<CryptoAttribute> have, List<CryptoSuite> want) {
        if (have.size() != want.size() || have.isEmpty()) {
            return false;
        }
        for (int k = 0; k < have.size(); k++) {
            if (have.get(k).knownSuite() != want.get(k)) {
                return false;
            }
        }
        return true;
    }

    private static void setRemote(Stream s, SessionDescription sdp, MediaDescription md, SignalRequest req) {
        Connection c = sdp.effectiveConnection(md);
        String addr = c == null ? null : c.address();
        if (req.sipSourceAddress() && req.receivedFrom() != null) {
            addr = req.receivedFrom();
        }
        s.remoteAddress = addr;
        s.remoteRtpPort = md.port();
        int rtcp = md.rtcpPort();
        s.remoteRtcpPort = rtcp > 0 ? rtcp : md.port() + 1;
    }

    private IceCandidates iceFor(Stream s, String address, boolean withRtcp) {
        if (s.iceUfrag == null) {
            s.iceUfrag = randomToken(8);
            s.icePwd = randomToken(24);
        }
        List<String> cands = new ArrayList<>(2);
        String foundation = Long.toString(s.id());
        cands.add(IceCandidates.hostCandidate(foundation, 1, address, s.localRtpPort));
        if (withRtcp) {
            cands.add(IceCandidates.hostCandidate(foundation, 2, address, s.localRtpPort + 1));
        }
        return new IceCandidates(s.iceUfrag, s.icePwd, cands);
    }

    private static final char[] ICE_CHARS =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".toCharArray();

    /** RFC 8839 §5.4: ice-char = ALPHA / DIGIT / "+" / "/". */
    private String randomToken(int len) {
        char[] c = new char[len];
        for (int i = 0; i < len; i++) {
            c[i] = ICE_CHARS[random.nextInt(ICE_CHARS.length)];
        }
        return new String(c);
    }

    // ---------------------------------------------------------------- answer

    @Override
    public SignalResult answer(SignalRequest req) {
        assert onOwnerThread() : "CallRegistry used outside its control thread";
        Call call = calls.get(req.callId());
        if (call == null) {
            return SignalResult.error("Unknown call-ID");
        }
        Monologue a = call.monologue(req.fromTag());
        if (a == null) {
            return SignalResult.error(NOT_FOUND);
        }
        Monologue b = a.peer;
        SessionDescription sdp = req.sdp();
        if (sdp.media().size() > a.media.size()) {
            return SignalResult.error("Answer has more media sections than the offer");
        }
        // Check SDES before changing anything: the answer must pick a tag we offered (RFC 4568 §7.1.2).
        for (MediaDescription md : sdp.media()) {
            MediaLeg lb = b.media.get(md.index());
            if (!md.isDisabled() && lb.stream != null && isSavp(lb.proto) && !md.cryptos().isEmpty()
                    && ourCrypto(lb, md.cryptos().get(0)) == null) {
                return SignalResult.error("Answer's a=crypto tag " + md.cryptos().get(0).tag() + " was not offered");
            }
        }
        if (req.toTag() != null && !req.toTag().equals(b.tag)) {
            // First answer names the answerer; a later different to-tag is another fork winning.
            b.tag = req.toTag();
        }
        call.lastSignalEpochSeconds = nowEpochSeconds();
        call.deleteAtNs = 0;
        if (req.label() != null) {
            b.label = req.label();
        }
        String bindA = config.interfaces().get(a.interfaceName);
        String addrA = req.mediaAddress() != null ? req.mediaAddress() : bindA;
        List<String> warnings = new ArrayList<>();
        List<MediaRewrite> plan = new ArrayList<>();
        for (MediaDescription md : sdp.media()) {
            int i = md.index();
            MediaLeg la = a.media.get(i);
            MediaLeg lb = b.media.get(i);
            if (md.isDisabled() || la.stream == null) {
                // RFC 3264 §6: the answerer rejected the stream; release its ports.
                removeStreams(call, la, lb);
                plan.add(MediaRewrite.builder().address(addrType(addrA), addrA).port(0).removeIce(true)
                        .removeDtls(true).build());
                continue;
            }
            Stream sa = la.stream;
            Stream sb = lb.stream;
            setRemote(sb, sdp, md, req);
            sb.latching = req.latching();
            boolean offeredMuxToB = lb.offerMux;
            sb.rtcpMux = md.hasRtcpMux() && offeredMuxToB;
            sb.localRtcpPort = sb.rtcpMux ? sb.localRtpPort : sb.localRtpPort + 1;
            CryptoSuite chosenB = null;
            if (isSavp(lb.proto) && !md.cryptos().isEmpty()) {
                CryptoAttribute theirs = md.cryptos().get(0);
                CryptoAttribute ours = ourCrypto(lb, theirs);
                lb.peerCrypto = List.of(theirs);
                sb.srtpIn = new SrtpParams(theirs.suite(), theirs.keyParams());
                sb.srtpOut = new SrtpParams(ours.suite(), ours.keyParams());
                chosenB = ours.knownSuite();
            } else {
                sb.srtpIn = null;
                sb.srtpOut = null;
                if (isSavp(lb.proto) && !req.sdes().off()) {
                    warnings.add("answer on media " + i + " is SRTP without SDES crypto");
                }
            }
            String outProto = req.transportProtocol() != null && !req.transportProtocol().equals("accept")
                    ? req.transportProtocol() : la.proto;
            List<CryptoAttribute> cryptoOut = List.of();
            if (isSavp(outProto) && !la.peerCrypto.isEmpty()) {
                CryptoAttribute pick = pickOffererCrypto(la.peerCrypto, chosenB, req.sdes());
                if (pick == null) {
                    return SignalResult.error("No supported SDES crypto suite in the offer");
                }
                CryptoAttribute ours = la.ourCrypto.size() == 1 && la.ourCrypto.get(0).tag() == pick.tag()
                        && la.ourCrypto.get(0).suite().equals(pick.suite())
                        ? la.ourCrypto.get(0) : CryptoAttribute.generate(pick.tag(), pick.knownSuite(), random);
                la.ourCrypto = List.of(ours);
                sa.srtpIn = new SrtpParams(pick.suite(), pick.keyParams());
                sa.srtpOut = new SrtpParams(ours.suite(), ours.keyParams());
                cryptoOut = la.ourCrypto;
            } else {
                sa.srtpIn = null;
                sa.srtpOut = null;
                la.ourCrypto = List.of();
            }
            boolean aMux = false;
            if (la.offeredRtcpMux) {
                if (req.rtcpMux().contains(RtcpMuxOption.ACCEPT)) {
                    aMux = true;
                } else if (!req.rtcpMux().contains(RtcpMuxOption.REJECT)) {
                    // rtpengine: pass the answerer's choice through; with "demux" in the offer, accept toward the offerer.
                    aMux = sb.rtcpMux || la.demuxRequested;
                }
            }
            sa.rtcpMux = aMux;
            sa.localRtcpPort = aMux ? sa.localRtpPort : sa.localRtpPort + 1;
            MediaRewrite.Builder mr = MediaRewrite.builder()
                    .address(addrType(addrA), addrA)
                    .port(sa.localRtpPort)
                    .proto(outProto)
                    .rtcpPort(aMux ? sa.localRtpPort : sa.localRtpPort + 1)
                    .rtcpMux(aMux)
                    .removeIce(true)
                    .removeDtls(true)
                    .codecs(req.codecs())
                    .crypto(cryptoOut)
                    .direction(req.mediaDirection());
            if (req.ice() == IceMode.FORCE || (req.ice() == IceMode.DEFAULT && la.hadIce)) {
                mr.ice(iceFor(sa, addrA, !aMux));
            }
            plan.add(mr.build());
            listener.onStreamUpdated(info(call, a, sa, sb));
            listener.onStreamUpdated(info(call, b, sb, sa));
        }
        String origin = req.replaceOrigin() ? addrA : null;
        String conn = sdp.connection() != null ? addrA : null;
        return SignalResult.ok(new RewritePlan(origin == null ? null : addrType(addrA), origin,
                conn == null ? null : addrType(addrA), conn, true, true, plan), warnings);
    }

    private static CryptoAttribute ourCrypto(MediaLeg lb, CryptoAttribute theirs) {
        for (CryptoAttribute c : lb.ourCrypto) {
            if (c.tag() == theirs.tag() && c.suite().equals(theirs.suite())) {
                return c;
            }
        }
        return null;
    }

    private static CryptoAttribute pickOffererCrypto(List<CryptoAttribute> offered, CryptoSuite prefer, SdesOptions sdes) {
        if (prefer != null) {
            for (CryptoAttribute c : offered) {
                if (c.knownSuite() == prefer && sdes.allows(prefer)) {
                    return c;
                }
            }
        }
        for (CryptoAttribute c : offered) {
            if (c.knownSuite() != null && sdes.allows(c.knownSuite())) {
                return c;
            }
        }
        return null;
    }

    // ---------------------------------------------------------------- delete / query / list / stats

    @Override
    public DeleteResult delete(String callId, String fromTag, String toTag, long delayNs) {
        assert onOwnerThread() : "CallRegistry used outside its control thread";
        Call call = calls.get(callId);
        if (call == null) {
            return new DeleteResult(false, null, false);
        }
        if (fromTag != null && call.monologue(fromTag) == null) {
            return new DeleteResult(false, null, false);
        }
        if (toTag != null && call.monologue(toTag) == null) {
            return new DeleteResult(false, null, false);
        }
        if (delayNs > 0) {
            call.deleteAtNs = nanoClock.getAsLong() + delayNs;
            if (call.deleteAtNs == 0) {
                call.deleteAtNs = 1;
            }
            return new DeleteResult(true, call, true);
        }
        removeCall(call);
        return new DeleteResult(true, call, false);
    }

    private void removeCall(Call call) {
        calls.remove(call.callId);
        // totalstatistics are since start, as rtpengine's: keep what the call relayed.
        for (Monologue m : call.monologues) {
            for (MediaLeg l : m.media) {
                if (l.stream != null) {
                    endedPackets += l.stream.rtpCounters.packets() + l.stream.rtcpCounters.packets();
                    endedBytes += l.stream.rtpCounters.bytes() + l.stream.rtcpCounters.bytes();
                }
            }
        }
        if (call.monologues.size() == 2) {
            Monologue a = call.monologues.get(0);
            Monologue b = call.monologues.get(1);
            for (int i = 0; i < a.media.size(); i++) {
                // Keep the stream objects attached: the delete reply reports their final statistics.
                removeStreams(call, a.media.get(i), b.media.get(i), false);
            }
        }
    }

    private void removeStreams(Call call, MediaLeg la, MediaLeg lb) {
        removeStreams(call, la, lb, true);
    }

    private void removeStreams(Call call, MediaLeg la, MediaLeg lb, boolean detach) {
        Monologue ma = call.monologues.get(0);
        Monologue mb = call.monologues.get(1);
        Monologue ownerA = ma.media.contains(la) ? ma : mb;
        Monologue ownerB = ownerA == ma ? mb : ma;
        if (la.stream != null) {
            listener.onStreamRemoved(info(call, ownerA, la.stream, lb.stream));
            ports.releasePair(la.stream.localRtpPort);
            if (detach) {
                la.stream = null;
            }
        }
        if (lb.stream != null) {
            listener.onStreamRemoved(info(call, ownerB, lb.stream, null));
            ports.releasePair(lb.stream.localRtpPort);
            if (detach) {
                lb.stream = null;
            }
        }
    }

    @Override
    public int expire() {
        assert onOwnerThread() : "CallRegistry used outside its control thread";
        long now = nanoClock.getAsLong();
        int removed = 0;
        Iterator<Map.Entry<String, Call>> it = calls.entrySet().iterator();
        List<Call> due = new ArrayList<>();
        while (it.hasNext()) {
            Call c = it.next().getValue();
            if (c.deleteAtNs != 0 && now - c.deleteAtNs >= 0) {
                due.add(c);
            }
        }
        for (Call c : due) {
            removeCall(c);
            removed++;
        }
        return removed;
    }

    @Override
    public Call query(String callId) {
        assert onOwnerThread() : "CallRegistry used outside its control thread";
        return calls.get(callId);
    }

    @Override
    public CompletableFuture<Map<Long, ReceptionFigures>> figures(Call call) {
        assert onOwnerThread() : "CallRegistry used outside its control thread";
        Map<Long, CompletableFuture<ReceptionFigures>> asked = new HashMap<>();
        if (call != null && call.monologues.size() == 2) {
            Monologue a = call.monologues.get(0);
            Monologue b = call.monologues.get(1);
            for (int i = 0; i < a.media.size() && i < b.media.size(); i++) {
                Stream sa = a.media.get(i).stream;
                Stream sb = b.media.get(i).stream;
                if (sa != null && sb != null) {
                    asked.put(sa.id(), listener.figures(info(call, a, sa, sb)));
                    asked.put(sb.id(), listener.figures(info(call, b, sb, sa)));
                }
            }
        }
        return CompletableFuture.allOf(asked.values().toArray(CompletableFuture[]::new))
                .handle((ignored, error) -> {
                    Map<Long, ReceptionFigures> out = new HashMap<>();
                    asked.forEach((id, f) -> {
                        ReceptionFigures r = f.isDone() && !f.isCompletedExceptionally() ? f.join() : null;
                        if (r != null) {
                            out.put(id, r);
                        }
                    });
                    return out;
                });
    }

    @Override
    public List<String> list(int limit) {
        assert onOwnerThread() : "CallRegistry used outside its control thread";
        List<String> out = new ArrayList<>(Math.min(limit, calls.size()));
        for (String id : calls.keySet()) {
            if (out.size() >= limit) {
                break;
            }
            out.add(id);
        }
        return out;
    }

    /** Packets and bytes relayed by calls already deleted (owner: the control thread). */
    private long endedPackets;
    private long endedBytes;

    @Override
    public RelayStatistics statistics() {
        assert onOwnerThread() : "CallRegistry used outside its control thread";
        long packets = endedPackets;
        long bytes = endedBytes;
        for (Call c : calls.values()) {
            for (Monologue m : c.monologues) {
                for (MediaLeg l : m.media) {
                    if (l.stream != null) {
                        packets += l.stream.rtpCounters.packets() + l.stream.rtcpCounters.packets();
                        bytes += l.stream.rtpCounters.bytes() + l.stream.rtcpCounters.bytes();
                    }
                }
            }
        }
        return new RelayStatistics(calls.size(), managedSessions, rejectedSessions,
                (nanoClock.getAsLong() - startNs) / 1_000_000_000L, ports.portsInUse(), packets, bytes,
                timeoutSessions);
    }

    @Override
    public void noteController(String callId, InetSocketAddress controller) {
        assert onOwnerThread() : "CallRegistry used outside its control thread";
        Call call = calls.get(callId);
        if (call != null && controller != null) {
            call.controller = controller;
        }
    }

    @Override
    public MediaTimeoutNotice mediaTimedOut(String callId, long relayStreamId, long silentNanos) {
        assert onOwnerThread() : "CallRegistry used outside its control thread";
        Call call = calls.get(callId);
        if (call == null || call.timedOut || call.monologues.size() != 2) {
            return null;
        }
        Monologue a = call.monologues.get(0);
        Monologue b = call.monologues.get(1);
        boolean known = false;
        boolean allSilent = true;
        for (int i = 0; i < a.media.size() && i < b.media.size(); i++) {
            Stream sa = a.media.get(i).stream;
            Stream sb = b.media.get(i).stream;
            if (sa == null || sb == null) {
                continue;
            }
            // SessionStreamBridge names a relayed pair by the lower of its two stream ids.
            if (Math.min(sa.id(), sb.id()) == relayStreamId) {
                sa.mediaTimedOut = true;
                sb.mediaTimedOut = true;
                known = true;
            }
            allSilent &= sa.mediaTimedOut && sb.mediaTimedOut;
        }
        if (!known || !allSilent) {
            return null;
        }
        // rtpengine declares a call dead only when all of its streams are silent; one dead video
        // stream must not end a call whose audio still flows.
        call.timedOut = true;
        call.silentSeconds = silentNanos / 1_000_000_000L;
        timeoutSessions++;
        Monologue offerer = a;
        String toTag = b.tag.isEmpty() ? null : b.tag;
        return new MediaTimeoutNotice(call.callId, offerer.tag, toTag, call.controller, call.silentSeconds);
    }

    private static StreamInfo info(Call call, Monologue owner, Stream s, Stream peer) {
        int index = -1;
        for (MediaLeg l : owner.media) {
            if (l.stream == s) {
                index = l.index;
            }
        }
        return new StreamInfo(s.id(), peer == null ? 0 : peer.id(), call.callId, owner.tag, index, s.localAddress,
                s.localRtpPort, s.localRtcpPort, s.rtcpMux, s.remoteAddress, s.remoteRtpPort, s.remoteRtcpPort,
                s.latching, s.srtpIn, s.srtpOut, s.iceUfrag, s.icePwd, s.rtpCounters);
    }
}
