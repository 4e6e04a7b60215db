package io.sbc.signaling.transaction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sbc.signaling.message.SipRequest;
import io.sbc.signaling.message.SipResponses;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Random traffic (requests, responses, retransmissions, ACKs, transport failures, time) against one layer
 * with small tables, seeded so a failure names the seed that reproduces it. Invariants: tables stay
 * within their bounds, and once every transaction has had its final answer, every one terminates exactly
 * once, the tables drain and no timer is left.
 */
class TransactionLayerRandomizedTest {

    private static final int MAX_TRANSACTIONS = 8;

    static Stream<Long> seeds() {
        SplittableRandom master = new SplittableRandom(20_261_121L);
        return LongStream.generate(master::nextLong).limit(40).boxed();
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void everyTransactionTerminatesOnceAndTablesDrain(long seed) {
        String why = "seed=" + seed;
        RandomGenerator rnd = new SplittableRandom(seed);
        LayerFixture f = new LayerFixture(TransactionConfig.defaults().withMaxTransactions(MAX_TRANSACTIONS, MAX_TRANSACTIONS));
        List<ClientTransaction> clients = new ArrayList<>();
        List<SipRequest> received = new ArrayList<>();
        // A transaction drops its request after the final response: the test keeps its own copies.
        Map<Transaction, SipRequest> requestOf = new IdentityHashMap<>();
        int[] codes = {100, 180, 200, 404, 486, 503};

        for (int step = 0; step < 300; step++) {
            String branch = "z9hG4bK-" + seed + "-" + step;
            Destination peer = rnd.nextBoolean() ? LayerFixture.UDP_PEER : LayerFixture.TCP_PEER;
            switch (rnd.nextInt(9)) {
                case 0 -> {
                    SipRequest invite = SipText.invite(branch);
                    f.layer.sendRequest(invite, peer).ifPresent(tx -> {
                        clients.add(tx);
                        requestOf.put(tx, invite);
                    });
                }
                case 1 -> {
                    SipRequest options = SipText.nonInvite("OPTIONS", branch);
                    f.layer.sendRequest(options, peer).ifPresent(tx -> {
                        clients.add(tx);
                        requestOf.put(tx, options);
                    });
                }
                case 2 -> {
                    if (!clients.isEmpty()) {
                        ClientTransaction tx = clients.get(rnd.nextInt(clients.size()));
                        int code = codes[rnd.nextInt(codes.length)];
                        f.layer.receiveResponse(SipText.responseTo(requestOf.get(tx), code, "R", "uas"), peer);
                    }
                }
                case 3 -> {
                    String method = rnd.nextBoolean() ? "INVITE" : "BYE";
                    String callId = "c" + rnd.nextInt(4) + "@192.0.2.10"; // collisions exercise the 482 path
                    SipRequest request = SipText.request(
                            SipText.method(method, branch, "192.0.2.10:5060", null, 1 + rnd.nextInt(2), callId));
                    received.add(request);
                    f.layer.receiveRequest(request, rnd.nextBoolean() ? LayerFixture.UDP_SOURCE : LayerFixture.TCP_SOURCE);
                }
                case 4 -> {
                    if (!received.isEmpty()) {
                        SipRequest again = received.get(rnd.nextInt(received.size()));
                        f.layer.receiveRequest(again, LayerFixture.UDP_SOURCE);
                    }
                }
                case 5 -> {
                    if (!f.user.serverTransactions.isEmpty()) {
                        ServerTransaction tx = f.user.serverTransactions.get(rnd.nextInt(f.user.serverTransactions.size()));
                        int code = codes[rnd.nextInt(codes.length)];
                        tx.sendResponse(SipResponses.create(f.user.requestOf.get(tx), code, "R", code == 100 ? null : "sbc-tag"));
                    }
                }
                case 6 -> {
                    if (!received.isEmpty()) {
                        SipRequest r = received.get(rnd.nextInt(received.size()));
                        f.layer.receiveRequest(SipText.request(SipText.method("ACK", r.topVia().branch(),
                                "192.0.2.10:5060", "sbc-tag", r.cseq().number(), r.callId())), LayerFixture.UDP_SOURCE);
                    }
                }
                case 7 -> f.transport.failNextSends = 1;
                default -> f.advanceMillis(rnd.nextInt(6_000));
            }
            assertTrue(f.layer.clientTransactionCount() <= MAX_TRANSACTIONS, why);
            assertTrue(f.layer.serverTransactionCount() <= MAX_TRANSACTIONS, why);
        }

        // Give every transaction its final answer, then let every timer run out.
        f.transport.failNextSends = 0;
        for (ClientTransaction tx : clients) {
            if (!tx.isTerminated()) {
                f.layer.receiveResponse(SipText.responseTo(requestOf.get(tx), 486, "Busy Here", "uas"), tx.destination());
            }
        }
        for (ServerTransaction tx : f.user.serverTransactions) {
            tx.sendResponse(SipResponses.create(f.user.requestOf.get(tx), 500, "Server Internal Error", "sbc-tag"));
        }
        f.advanceMillis(600_000);

        assertEquals(0, f.layer.clientTransactionCount(), why);
        assertEquals(0, f.layer.serverTransactionCount(), why);
        assertEquals(0, f.clock.pendingTimers(), why);
        // Transactions that answered a merged request 482 are run by the layer alone and stay silent.
        long created = f.layer.counters().clientTransactionsCreated() + f.layer.counters().serverTransactionsCreated()
                - f.layer.counters().loopDetected482();
        long terminated = f.user.events.stream().filter("terminated"::equals).count();
        assertEquals(created, terminated, why);
        int sendsAfterDrain = f.transport.count();
        f.advanceMillis(600_000);
        assertEquals(sendsAfterDrain, f.transport.count(), why);
    }
}
