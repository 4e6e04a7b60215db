package io.sbc.media.relay;

import java.util.concurrent.CompletableFuture;

/**
 * Commands from the control layer to a worker, passed through the worker's bounded MPSC queue and
 * executed on the worker thread (at most {@link RelayConfig#commandDrainLimit()} per duty cycle).
 * Each carries the future the worker completes with the result.
 */
sealed interface RelayCommand {

    CompletableFuture<?> done();

    record Add(RelayStreamSpec spec, CompletableFuture<BoundPorts> done) implements RelayCommand {
    }

    record Update(RelayStreamSpec spec, CompletableFuture<BoundPorts> done) implements RelayCommand {
    }

    record Remove(long streamId, CompletableFuture<StreamStats> done) implements RelayCommand {
    }

    record Query(long streamId, CompletableFuture<StreamStats> done) implements RelayCommand {
    }
}
