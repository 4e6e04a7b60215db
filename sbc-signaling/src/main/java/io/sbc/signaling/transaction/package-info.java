/**
 * The SIP transaction layer: RFC 3261 §17 with the RFC 6026 corrections (ACCEPTED state, Timers L
 * and M, responses matching no transaction are discarded).
 *
 * <h2>Object tree and ownership</h2>
 * One {@link io.sbc.signaling.transaction.TransactionLayer} per Netty event loop, built with that loop's
 * {@link io.sbc.signaling.transaction.EventLoopTimerScheduler}, a
 * {@link io.sbc.signaling.transaction.TransactionTransport} (the transport layer below) and a
 * {@link io.sbc.signaling.transaction.TransactionUser} (the B2BUA / UA core above). The layer owns two
 * bounded tables: client transactions and server transactions. Each
 * {@link io.sbc.signaling.transaction.Transaction} is one of the four RFC machines
 * ({@link io.sbc.signaling.transaction.InviteClientTransaction},
 * {@link io.sbc.signaling.transaction.NonInviteClientTransaction},
 * {@link io.sbc.signaling.transaction.InviteServerTransaction},
 * {@link io.sbc.signaling.transaction.NonInviteServerTransaction}). Everything runs on the loop's thread;
 * there are no locks. A message that arrives on another loop is handed over with
 * {@code eventLoop.execute} before it reaches the layer.
 *
 * <h2>Data flow</h2>
 * Transport → {@code receiveRequest}/{@code receiveResponse} → matching (§17.1.3, §17.2.3, RFC 2543
 * fallback) → a transaction absorbs retransmissions or → TU callback. TU → {@code sendRequest} /
 * {@code ServerTransaction.sendResponse} → transaction timers → {@code TransactionTransport.send}.
 *
 * <h2>Testing</h2>
 * {@link io.sbc.signaling.transaction.VirtualScheduler} replaces the event loop's clock: tests advance
 * time and timers fire in order, with no sleeping.
 */
package io.sbc.signaling.transaction;
