package io.sbc.signaling.transaction;

import java.time.Duration;
import java.util.Objects;

/**
 * Configuration of one {@link TransactionLayer} (one per event loop).
 *
 * @param timers                 T1, T2, T4; everything else is derived (see {@link TransactionTimers})
 * @param maxClientTransactions  client transactions alive at once on this loop; default 65,536, bounds
 *                               [1, 16,777,216]. At the limit {@link TransactionLayer#sendRequest}
 *                               refuses (empty result, counted); the TU fails the request locally (503).
 * @param maxServerTransactions  server transactions alive at once on this loop; default 65,536, bounds
 *                               [1, 16,777,216]. At the limit a new request gets
 *                               {@link InboundResult#REFUSED_TABLE_FULL} (counted); the caller answers it
 *                               503 statelessly. Sizing: a non-INVITE lives 64*T1 = 32 s over UDP, so the
 *                               default holds about 2,000 requests/s per loop.
 * @param tryingDelay            how long an INVITE server transaction waits for the TU's first provisional
 *                               before sending 100 Trying itself (RFC 3261 §17.2.1 allows up to 200 ms).
 *                               Default zero: send at once, because a B2BUA cannot know how long the far
 *                               side takes. Bounds [0, 200 ms].
 */
public record TransactionConfig(TransactionTimers timers, int maxClientTransactions, int maxServerTransactions,
                                Duration tryingDelay) {

    public static final int DEFAULT_MAX_TRANSACTIONS = 65_536;
    private static final int MAX_TRANSACTIONS_LIMIT = 1 << 24;
    private static final Duration MAX_TRYING_DELAY = Duration.ofMillis(200);

    public TransactionConfig {
        Objects.requireNonNull(timers, "timers");
        Objects.requireNonNull(tryingDelay, "tryingDelay");
        if (maxClientTransactions < 1 || maxClientTransactions > MAX_TRANSACTIONS_LIMIT) {
            throw new IllegalArgumentException("maxClientTransactions must be in [1, 16777216], was " + maxClientTransactions);
        }
        if (maxServerTransactions < 1 || maxServerTransactions > MAX_TRANSACTIONS_LIMIT) {
            throw new IllegalArgumentException("maxServerTransactions must be in [1, 16777216], was " + maxServerTransactions);
        }
        if (tryingDelay.isNegative() || tryingDelay.compareTo(MAX_TRYING_DELAY) > 0) {
            throw new IllegalArgumentException("tryingDelay must be in [0, 200ms], was " + tryingDelay);
        }
    }

    public static TransactionConfig defaults() {
        return new TransactionConfig(TransactionTimers.defaults(), DEFAULT_MAX_TRANSACTIONS, DEFAULT_MAX_TRANSACTIONS,
                Duration.ZERO);
    }

    public TransactionConfig withTimers(TransactionTimers newTimers) {
        return new TransactionConfig(newTimers, maxClientTransactions, maxServerTransactions, tryingDelay);
    }

    public TransactionConfig withMaxTransactions(int maxClient, int maxServer) {
        return new TransactionConfig(timers, maxClient, maxServer, tryingDelay);
    }

    public TransactionConfig withTryingDelay(Duration delay) {
        return new TransactionConfig(timers, maxClientTransactions, maxServerTransactions, delay);
    }
}
