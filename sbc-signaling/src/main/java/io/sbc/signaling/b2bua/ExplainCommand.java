package io.sbc.signaling.b2bua;

import io.sbc.policy.PolicySnapshot;
import io.sbc.policy.explain.ExplainTrace;
import io.sbc.policy.explain.Explainer;
import io.sbc.policy.load.LoadResult;
import io.sbc.policy.load.PolicyLoader;
import io.sbc.policy.load.Problem;
import io.sbc.policy.model.ListenAddress;
import io.sbc.policy.model.MediaMode;
import io.sbc.signaling.codec.ParseResult;
import io.sbc.signaling.codec.SipParser;
import io.sbc.signaling.message.SipRequest;
import io.sbc.signaling.routing.CallAttempt;
import io.sbc.signaling.routing.CallIds;
import io.sbc.signaling.routing.GatewayHealth;
import io.sbc.signaling.transaction.SipTokens;
import io.sbc.signaling.transport.ListenPoint;
import io.sbc.signaling.transport.Transport;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.random.RandomGenerator;

/**
 * {@code ops/sbc explain --policy FILE --from REALM --source IP MESSAGE_FILE}: the policy's trace for
 * one request ({@link Explainer}), then the request as the B2BUA would send it, built by the same
 * code as live calls ({@link CallPlan}, {@link OutboundRequests#initial}) toward the first gateway
 * (all gateways assumed up; weights drawn with a fixed seed so the output is repeatable). Fresh
 * Call-ID, tag and branch differ per run, as on the wire. With media anchored the relay would
 * replace the SDP: the body is then shown as received, with a note.
 */
public final class ExplainCommand {
    /** Seed for the weighted gateway order, so that explain prints the same gateway each time. */
    static final long SEED = 1;

    private ExplainCommand() {
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        String policy = null;
        String realm = null;
        String source = null;
        String file = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--policy" -> policy = i + 1 < args.length ? args[++i] : null;
                case "--from" -> realm = i + 1 < args.length ? args[++i] : null;
                case "--source" -> source = i + 1 < args.length ? args[++i] : null;
                default -> file = args[i];
            }
        }
        if (policy == null || realm == null || source == null || file == null) {
            err.println("usage: sbc explain --policy FILE --from REALM --source IP MESSAGE_FILE");
            return 2;
        }
        LoadResult lr = PolicyLoader.withSystemEnvironment().load(Path.of(policy));
        if (!lr.ok()) {
            for (Problem p : lr.problems()) {
                err.println(p);
            }
            return 1;
        }
        InetAddress src;
        try {
            src = literal(source);
        } catch (UnknownHostException e) {
            err.println("sbc explain: --source must be an IP address: " + source);
            return 1;
        }
        SipRequest request;
        try {
            request = parse(Files.readAllBytes(Path.of(file)));
        } catch (IOException e) {
            err.println("sbc explain: cannot read " + file + ": " + e.getMessage());
            return 1;
        }
        if (request == null) {
            err.println("sbc explain: " + file + " is not a parsable SIP request");
            return 1;
        }
        return explain(lr.snapshot(), realm, src, request, out);
    }

    static int explain(PolicySnapshot snapshot, String realm, InetAddress source, SipRequest request, PrintStream out) {
        ExplainTrace trace = Explainer.explain(snapshot, realm, source, MessageDraft.of(request));
        out.print(trace.render());
        if (!trace.ok()) {
            return 1;
        }
        CallPlan plan = CallPlan.of(snapshot, realm, source, request, new GatewayHealth(),
                RandomGenerator.of("L64X128MixRandom"));
        if (plan.route().isReject()) {
            out.println();
            out.println("outgoing: none; the caller gets " + plan.route().rejectCode() + " " + plan.route().rejectReason());
            return 0;
        }
        CallAttempt first = plan.attempts().get(0);
        SipEndpoint ep = endpoint(snapshot, first.trunk().realm());
        if (ep == null) {
            out.println("\noutgoing: none; realm " + first.trunk().realm() + " has no listen address");
            return 0;
        }
        int mf = request.maxForwards() < 0 ? 70 : request.maxForwards() - 1;
        SipRequest outgoing = OutboundRequests.initial(snapshot, plan.in(), plan.inbound(), first, ep, ep.newVia(),
                CallIds.sameOwner(0, 1), SipTokens.newTag(), 1, request.body(), mf, null);
        out.println();
        out.println("outgoing to " + first + " from " + ep.point() + ":");
        boolean anchored = first.trunk().media().mode() == MediaMode.ANCHOR
                && (plan.sourceTrunk() == null || plan.sourceTrunk().media().mode() == MediaMode.ANCHOR);
        if (anchored && request.bodySize() > 0) {
            out.println("(media anchored: on a live call the relay's SDP with media-address "
                    + snapshot.realm(first.trunk().realm()).mediaAddress() + " replaces the body below)");
        }
        out.print(outgoing);
        return 0;
    }

    /** The realm's first listen address as the B2BUA's endpoint (no socket: nothing is sent). */
    private static SipEndpoint endpoint(PolicySnapshot snapshot, String realm) {
        for (ListenAddress a : snapshot.realm(realm).listen()) {
            try {
                Transport t = Transport.valueOf(a.transport().name().toUpperCase(Locale.ROOT));
                if (t.isSecure()) {
                    continue; // TLS material is not loaded for a dry run; a plain listen point shows the same headers
                }
                return new SipEndpoint(ListenPoint.of(t, new InetSocketAddress(literal(a.ip()), a.port()), realm), null, null);
            } catch (UnknownHostException | IllegalArgumentException e) {
                // next address
            }
        }
        return null;
    }

    private static InetAddress literal(String ip) throws UnknownHostException {
        if (ip.isEmpty() || !(Character.isDigit(ip.charAt(0)) || ip.indexOf(':') >= 0)) {
            throw new UnknownHostException(ip);
        }
        return InetAddress.getByName(ip);
    }

    private static SipRequest parse(byte[] raw) {
        String text = new String(raw, StandardCharsets.UTF_8);
        if (!text.contains("\r\n")) {
            text = text.replace("\n", "\r\n"); // files edited by hand usually have bare LF
        }
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        ParseResult r = new SipParser().parse(b, 0, b.length);
        return r.ok() && r.message() instanceof SipRequest req ? req : null;
    }
}
