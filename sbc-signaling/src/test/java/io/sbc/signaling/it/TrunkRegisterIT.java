package io.sbc.signaling.it;

import io.sbc.signaling.core.SignalingNode;
import io.sbc.signaling.registration.RegistrationState;
import io.sbc.signaling.registration.RegistrationStatus;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A trunk with {@code register:} registers when the node starts, through the SIPp registrar's 401
 * (SIPp verifyauth), refreshes before the 2 s grant runs out, shows REGISTERED in
 * {@link SignalingNode#trunkRegistrations()} and un-registers (Expires: 0) on
 * {@link SignalingNode#unregisterTrunks()}.
 */
class TrunkRegisterIT {

    @Test
    void trunkRegistersAtStartThroughA401RefreshesAndUnregisters() throws Exception {
        OptionsSippIT.assumeSipp();
        String test = "trunk-register";
        SippPeer registrar = SippPeer.uas(test, "registrar", ItPolicies.resource("register-digest-uas.xml"),
                "127.0.0.95", 5096, 1, Duration.ofSeconds(30)).start();
        Thread.sleep(300); // SIPp binds its socket: the first REGISTER must not hit a closed port
        List<String> changes = new CopyOnWriteArrayList<>();
        try (SignalingNode node = SignalingNode.start(ItPolicies.load("auth/register-policy.yaml"))) {
            node.registrationListener((trunk, from, to) -> changes.add(trunk + ":" + to));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            List<RegistrationStatus> s = node.trunkRegistrations();
            while (System.nanoTime() < deadline
                    && (s.isEmpty() || s.get(0).state() != RegistrationState.REGISTERED || changes.size() < 2)) {
                Thread.sleep(100);
                s = node.trunkRegistrations();
            }
            assertEquals(1, s.size(), s::toString);
            assertEquals("carrier-r", s.get(0).trunk());
            assertEquals(RegistrationState.REGISTERED, s.get(0).state(), s::toString);
            Thread.sleep(1500); // the 2 s grant is refreshed after about 1 s
            node.unregisterTrunks().get(10, TimeUnit.SECONDS);
            assertEquals(0, registrar.await(), registrar::describe);
        } finally {
            registrar.kill();
        }
        assertTrue(changes.contains("carrier-r:REGISTERED"), changes::toString);
    }
}
