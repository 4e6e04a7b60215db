package io.sbc.signaling.registration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sbc.signaling.dns.DnsClient;
import io.sbc.signaling.dns.Rfc3263Resolver;
import io.sbc.signaling.message.SipUri;
import io.sbc.signaling.transaction.VirtualScheduler;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TrunkRegistrationsTest {
    private final VirtualScheduler clock = new VirtualScheduler();
    private final ScriptedRegistrar wire = new ScriptedRegistrar();
    /** Tasks handed to "the event loop": run by the test thread, which owns the virtual scheduler. */
    private final BlockingQueue<Runnable> loop = new LinkedBlockingQueue<>();

    private static RegistrationSettings settings(String trunk, String registrar) {
        return new RegistrationSettings(trunk, SipUri.parse(registrar), SipUri.parse("sip:+15551230000@carrier.example"),
                SipUri.parse("sip:+15551230000@192.0.2.5:5060"), 600, null, "UDP", "192.0.2.5", 5060,
                Duration.ofSeconds(30), Duration.ofMinutes(15));
    }

    @Test
    void resolvesRegistrarStartsRegistrationListsStatusAndUnregistersAll() throws Exception {
        // The DNS server is never asked: an address literal resolves locally (RFC 3263 §4.2).
        try (Rfc3263Resolver resolver = new Rfc3263Resolver(new DnsClient(new InetSocketAddress("127.0.0.1", 9),
                Duration.ofMillis(100), 1), 16, clock::nowMillis, new SplittableRandom(1), 1)) {
            TrunkRegistrations regs = new TrunkRegistrations(wire, clock, loop::add, clock::nowMillis,
                    new SplittableRandom(2), resolver, null);
            CompletableFuture<List<String>> started = regs.start(List.of(settings("carrier-a", "sip:198.51.100.30:5070")));
            Runnable task = loop.poll(5, TimeUnit.SECONDS);
            assertNotNull(task, "registration start handed to the loop");
            task.run();
            assertEquals(List.of(), started.get(5, TimeUnit.SECONDS));
            assertEquals(new InetSocketAddress("198.51.100.30", 5070), wire.last().destination().remote());
            wire.answer(200, "OK", "Contact: <sip:+15551230000@192.0.2.5:5060>;expires=600");
            RegistrationStatus s = regs.statuses().get(0);
            assertEquals("carrier-a", s.trunk());
            assertEquals(RegistrationState.REGISTERED, s.state());
            CompletableFuture<Void> stopped = regs.stopAll();
            assertEquals("0", wire.last().request().header("Expires"));
            wire.answer(200, "OK");
            assertTrue(stopped.isDone());
            assertTrue(regs.statuses().isEmpty());
        }
    }
}
