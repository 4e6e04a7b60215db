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

    @Test
    void updateUnregistersChangedAndDroppedTrunksThenRegistersTheNewSettings() throws Exception {
        try (Rfc3263Resolver resolver = new Rfc3263Resolver(new DnsClient(new InetSocketAddress("127.0.0.1", 9),
                Duration.ofMillis(100), 1), 16, clock::nowMillis, new SplittableRandom(1), 1)) {
            TrunkRegistrations regs = new TrunkRegistrations(wire, clock, loop::add, clock::nowMillis,
                    new SplittableRandom(2), resolver, null);
            RegistrationSettings a = settings("carrier-a", "sip:198.51.100.30:5070");
            regs.start(List.of(a));
            loop.poll(5, TimeUnit.SECONDS).run();
            wire.answer(200, "OK", "Contact: <sip:+15551230000@192.0.2.5:5060>;expires=600");
            int before = wire.sent.size();

            // Unchanged: nothing sent.
            regs.update(List.of(a));
            runLoop();
            assertEquals(before, wire.sent.size(), "an unchanged registration is left alone");

            // Changed interval: Expires: 0 for the old binding first, then the new REGISTER.
            RegistrationSettings a300 = new RegistrationSettings(a.trunk(), a.registrar(), a.aor(), a.contact(), 300,
                    null, "UDP", "192.0.2.5", 5060, Duration.ofSeconds(30), Duration.ofMinutes(15));
            CompletableFuture<List<String>> changed = regs.update(List.of(a300));
            assertEquals("0", wire.last().request().header("Expires"));
            wire.answer(200, "OK");
            runLoop();
            assertEquals(List.of(), changed.get(5, TimeUnit.SECONDS));
            assertEquals("300", wire.last().request().header("Expires"));
            wire.answer(200, "OK", "Contact: <sip:+15551230000@192.0.2.5:5060>;expires=300");
            assertEquals(RegistrationState.REGISTERED, regs.statuses().get(0).state());

            // Dropped: un-registered, no status left.
            CompletableFuture<List<String>> dropped = regs.update(List.of());
            assertEquals("0", wire.last().request().header("Expires"));
            wire.answer(200, "OK");
            runLoop();
            assertEquals(List.of(), dropped.get(5, TimeUnit.SECONDS));
            assertTrue(regs.statuses().isEmpty());
        }
    }

    /** Runs loop tasks until none arrives for 200 ms (resolution completes on the resolver's thread). */
    private void runLoop() throws InterruptedException {
        Runnable task;
        while ((task = loop.poll(200, TimeUnit.MILLISECONDS)) != null) {
            task.run();
        }
    }
}
