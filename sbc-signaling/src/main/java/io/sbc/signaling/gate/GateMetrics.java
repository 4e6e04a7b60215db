package io.sbc.signaling.gate;

import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.sbc.signaling.metrics.SbcMetrics;

import java.util.List;

/**
 * The gate's Prometheus metrics (callbacks read the gate's counters at scrape time):
 * {@code sbc_gate_dropped_total{realm,reason}} (reasons: {@link DropReason} labels),
 * {@code sbc_bans_active}, {@code sbc_gate_bans_total}, {@code sbc_gate_ban_refusals_total},
 * {@code sbc_gate_sources_tracked}, {@code sbc_gate_source_evictions_total}, and with an overload
 * detector {@code sbc_overload_active} and {@code sbc_event_loop_lag_seconds}.
 */
public final class GateMetrics {
    private GateMetrics() {}

    public static void bind(SbcMetrics metrics, Gate gate, OverloadDetector overload) {
        bind(metrics.registry(), gate, overload);
    }

    public static void bind(PrometheusRegistry registry, Gate gate, OverloadDetector overload) {
        CounterWithCallback.builder().name("sbc_gate_dropped_total")
                .help("Messages the gate dropped before parsing (or refused with 503), by realm and reason")
                .labelNames("realm", "reason")
                .callback(cb -> {
                    List<String> realms = gate.realmNames(); // a reload may add realms
                    for (int r = 0; r < realms.size(); r++) {
                        for (DropReason d : DropReason.values()) {
                            cb.call(gate.dropped(r, d), realms.get(r), d.label());
                        }
                    }
                })
                .register(registry);
        GaugeWithCallback.builder().name("sbc_bans_active")
                .help("Sources banned now (manual and automatic)")
                .callback(cb -> cb.call(gate.bansActive()))
                .register(registry);
        CounterWithCallback.builder().name("sbc_gate_bans_total")
                .help("Bans created (manual and automatic)")
                .callback(cb -> cb.call(gate.bansCreated()))
                .register(registry);
        CounterWithCallback.builder().name("sbc_gate_ban_refusals_total")
                .help("Bans refused because the ban table had no room (its window full of manual bans)")
                .callback(cb -> cb.call(gate.banRefusals()))
                .register(registry);
        GaugeWithCallback.builder().name("sbc_gate_sources_tracked")
                .help("Per-source entries in use over all realms and event loops (bounded by the tables' size)")
                .callback(cb -> cb.call(gate.trackedSources()))
                .register(registry);
        CounterWithCallback.builder().name("sbc_gate_source_evictions_total")
                .help("Per-source entries evicted to make room for new sources (table full)")
                .callback(cb -> cb.call(gate.evictions()))
                .register(registry);
        if (overload != null) {
            GaugeWithCallback.builder().name("sbc_overload_active")
                    .help("1 while new INVITE/REGISTER are refused with 503 because the event loops lag")
                    .callback(cb -> cb.call(overload.refuseNewWork() ? 1 : 0))
                    .register(registry);
            GaugeWithCallback.builder().name("sbc_event_loop_lag_seconds")
                    .help("Largest last-measured event loop lag")
                    .callback(cb -> cb.call(overload.maxLastLagNs() / 1e9))
                    .register(registry);
        }
    }
}
