package io.sbc.signaling.metrics;

import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.sbc.signaling.b2bua.CallRecords;
import io.sbc.signaling.codec.ParseErrorReason;
import io.sbc.signaling.core.SignalingCounters;
import io.sbc.signaling.transport.FramingError;
import io.sbc.signaling.transport.TransportCounters;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.LongSupplier;

/**
 * The SBC's Prometheus registry (prefix {@code sbc_}, names from the design's metrics contract and
 * {@code docs/metrics.md}). Components keep their own lock-free counters on the hot path; the
 * metrics here are callbacks that read them at scrape time, so scraping never slows a message.
 *
 * <p>Thread-safe: bind calls happen at start-up; scrapes come from the admin server's thread.
 */
public final class SbcMetrics {
    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();

    public SbcMetrics() {
        JvmMetrics.builder().register(registry);
    }

    public PrometheusRegistry registry() {
        return registry;
    }

    /** SIP message, malformed-input and transport counters of the signaling plane. */
    public void bindSignaling(SignalingCounters sip, TransportCounters transport) {
        CounterWithCallback.builder().name("sbc_sip_messages_total")
                .help("SIP messages received (in) and sent (out) per realm, by request method or response status")
                .labelNames("realm", "direction", "method_or_status")
                .callback(cb -> sip.messages().forEach((labels, v) -> cb.call(v, labels)))
                .register(registry);
        CounterWithCallback.builder().name("sbc_sip_malformed_total")
                .help("Received messages that did not parse, by reason (answered 400/505/513 when readable, else dropped)")
                .labelNames("reason")
                .callback(cb -> {
                    for (ParseErrorReason r : ParseErrorReason.values()) {
                        long n = sip.malformed(r);
                        if (n > 0) {
                            cb.call(n, r.metricLabel());
                        }
                    }
                })
                .register(registry);
        CounterWithCallback.builder().name("sbc_sip_dropped_total")
                .help("Parsed messages the core dropped, by reason")
                .labelNames("reason")
                .callback(cb -> {
                    for (SignalingCounters.Drop d : SignalingCounters.Drop.values()) {
                        cb.call(sip.drops(d), d.name().toLowerCase(java.util.Locale.ROOT));
                    }
                })
                .register(registry);
        CounterWithCallback.builder().name("sbc_sip_retransmissions_absorbed_total")
                .help("Retransmitted requests absorbed by their server transaction")
                .callback(cb -> cb.call(sip.retransmissionsAbsorbed()))
                .register(registry);
        CounterWithCallback.builder().name("sbc_sip_stateless_replies_total")
                .help("Responses sent without a transaction (400/505/513 to malformed requests, 503 when tables are full)")
                .callback(cb -> cb.call(sip.statelessReplies()))
                .register(registry);
        GaugeWithCallback.builder().name("sbc_transport_connections_open")
                .help("Open TCP/TLS/WS/WSS connections")
                .callback(cb -> cb.call(transport.openConnections()))
                .register(registry);
        CounterWithCallback.builder().name("sbc_transport_framing_errors_total")
                .help("Stream framing errors (the connection is closed), by reason")
                .labelNames("reason")
                .callback(cb -> {
                    for (FramingError e : FramingError.values()) {
                        cb.call(transport.framingErrors(e), e.name().toLowerCase(java.util.Locale.ROOT));
                    }
                })
                .register(registry);
        CounterWithCallback.builder().name("sbc_transport_tls_handshake_failures_total")
                .help("TLS handshakes that failed")
                .callback(cb -> cb.call(transport.tlsHandshakeFailures()))
                .register(registry);
        CounterWithCallback.builder().name("sbc_transport_connections_closed_total")
                .help("Stream connections the SBC closed to protect itself (issue #6), by reason")
                .labelNames("reason")
                .callback(cb -> {
                    cb.call(transport.rejectedBySource(), "connection_limit");
                    cb.call(transport.rejectedOverLimit(), "max_connections");
                    cb.call(transport.idleClosed(), "idle");
                    cb.call(transport.writeBacklogClosed(), "write_backlog");
                    cb.call(transport.unwritableClosed(), "unwritable");
                    cb.call(transport.tlsHandshakeTimeouts(), "tls_handshake_timeout");
                })
                .register(registry);
        CounterWithCallback.builder().name("sbc_transport_send_failures_total")
                .help("Messages the transport could not send")
                .callback(cb -> cb.call(transport.sendFailures()))
                .register(registry);
    }

    /** {@code sbc_policy_reloads_total{result}}: policy reloads that were applied or refused. */
    public void bindPolicyReloads(LongSupplier ok, LongSupplier failed) {
        CounterWithCallback.builder().name("sbc_policy_reloads_total")
                .help("Policy reloads by result: ok (validated and swapped) or error (the running policy kept)")
                .labelNames("result")
                .callback(cb -> {
                    cb.call(ok.getAsLong(), "ok");
                    cb.call(failed.getAsLong(), "error");
                })
                .register(registry);
    }

    /**
     * Media figures of the embedded relay: {@code sbc_media_sessions_active} (anchored streams),
     * {@code sbc_media_packets_total}, {@code sbc_media_packet_loss_ratio} (active streams, refreshed by
     * each relay worker once per media-timeout scan), {@code sbc_srtp_auth_failures_total}. The supplier answers null when no embedded relay runs.
     */
    public void bindMedia(java.util.function.Supplier<io.sbc.signaling.core.EmbeddedRelay.Figures> figures) {
        GaugeWithCallback.builder().name("sbc_media_sessions_active")
                .help("Media streams anchored on the embedded relay (one per call leg and media line)")
                .callback(cb -> {
                    var f = figures.get();
                    if (f != null) {
                        cb.call(f.streamsActive());
                    }
                })
                .register(registry);
        CounterWithCallback.builder().name("sbc_media_packets_total")
                .help("RTP/RTCP packets received (in) and relayed (out) by the embedded relay")
                .labelNames("direction")
                .callback(cb -> {
                    var f = figures.get();
                    if (f != null) {
                        cb.call(f.rxPackets(), "in");
                        cb.call(f.txPackets(), "out");
                    }
                })
                .register(registry);
        GaugeWithCallback.builder().name("sbc_media_packet_loss_ratio")
                .help("RTP packets lost over packets expected (RFC 3550 A.3), over all streams anchored now")
                .callback(cb -> {
                    var f = figures.get();
                    if (f != null) {
                        cb.call(f.packetLossRatio());
                    }
                })
                .register(registry);
        CounterWithCallback.builder().name("sbc_srtp_auth_failures_total")
                .help("SRTP/SRTCP packets that failed authentication or replay checks on the embedded relay")
                .callback(cb -> {
                    var f = figures.get();
                    if (f != null) {
                        cb.call(f.srtpFailures());
                    }
                })
                .register(registry);
    }

    /**
     * Call metrics (docs/metrics.md): {@code sbc_calls_active{trunk}}, {@code sbc_calls_total{trunk,result}}
     * and the {@code sbc_invite_processing_seconds} histogram, read at scrape time from the B2BUA's
     * striped counters ({@code node.calls().records()}).
     */
    public void bindCalls(CallRecords calls) {
        GaugeWithCallback.builder().name("sbc_calls_active")
                .help("Calls in progress (set up or established) per trunk")
                .labelNames("trunk")
                .callback(cb -> calls.trunks().forEach((trunk, t) -> cb.call(t.active(), trunk)))
                .register(registry);
        CounterWithCallback.builder().name("sbc_calls_total")
                .help("Call attempts that ended, per trunk and outcome")
                .labelNames("trunk", "result")
                .callback(cb -> calls.trunks().forEach((trunk, t) -> {
                    for (CallRecords.Result r : CallRecords.Result.values()) {
                        cb.call(t.total(r), trunk, r.label());
                    }
                }))
                .register(registry);
        registry.register(() -> {
            long[] counts = calls.inviteBucketCounts();
            double[] bounds = new double[counts.length];
            System.arraycopy(CallRecords.INVITE_BUCKETS_SECONDS, 0, bounds, 0, counts.length - 1);
            bounds[counts.length - 1] = Double.POSITIVE_INFINITY;
            return HistogramSnapshot.builder().name("sbc_invite_processing_seconds")
                    .help("Time from an INVITE's arrival to its forwarding on the outbound leg (or its final answer)")
                    .dataPoint(HistogramSnapshot.HistogramDataPointSnapshot.builder()
                            .classicHistogramBuckets(ClassicHistogramBuckets.of(bounds, counts))
                            .sum(calls.inviteSumSeconds())
                            .build())
                    .build();
        });
    }

    /** {@code sbc_trunk_registered{trunk}}: 1 while a registering trunk is registered, else 0. */
    public void bindTrunkRegistrations(java.util.function.Supplier<java.util.List<io.sbc.signaling.registration.RegistrationStatus>> statuses) {
        GaugeWithCallback.builder().name("sbc_trunk_registered")
                .help("1 while the trunk's registration with its carrier is in force, 0 otherwise")
                .labelNames("trunk")
                .callback(cb -> {
                    for (var st : statuses.get()) {
                        cb.call(st.state() == io.sbc.signaling.registration.RegistrationState.REGISTERED ? 1 : 0,
                                st.trunk());
                    }
                })
                .register(registry);
    }

    /** The Prometheus text exposition format (version 0.0.4). */
    public byte[] scrape() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
        try {
            writer.write(out, registry.scrape());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public String contentType() {
        return writer.getContentType();
    }
}
