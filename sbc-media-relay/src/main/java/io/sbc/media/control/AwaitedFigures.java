package io.sbc.media.control;

import io.sbc.media.bencode.BencodeDictionary;
import io.sbc.media.session.Call;
import io.sbc.media.session.ReceptionFigures;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A {@code delete} or {@code query} reply whose streams' reception figures the relay workers have
 * not yet supplied. The control thread does not wait for them (a worker that is descheduled on a
 * loaded host would stall every later ng command behind it): {@link NgMessageProcessor} keeps the
 * request's cookie pending, and builds and sends the reply once the figures arrive or
 * {@link NgCommandDispatcher#FIGURES_WAIT_MS} has passed.
 *
 * <p>Owner: the control thread, which alone reads {@code call}; only {@code figures} completes on
 * a relay worker.
 */
final class AwaitedFigures {
    private final Call call;
    private final CompletableFuture<Map<Long, ReceptionFigures>> figures;

    AwaitedFigures(Call call, CompletableFuture<Map<Long, ReceptionFigures>> figures) {
        this.call = call;
        this.figures = figures;
    }

    CompletableFuture<Map<Long, ReceptionFigures>> figures() {
        return figures;
    }

    boolean arrived() {
        return figures.isDone();
    }

    /** The reply with the figures that arrived; a failed or missing answer reports packet counters only. */
    BencodeDictionary reply() {
        Map<Long, ReceptionFigures> f = figures.isDone() && !figures.isCompletedExceptionally()
                ? figures.getNow(Map.of()) : Map.of();
        return QueryReply.of(call, f).build();
    }
}
