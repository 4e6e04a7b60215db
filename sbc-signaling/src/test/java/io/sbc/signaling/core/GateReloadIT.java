package io.sbc.signaling.core;

import io.sbc.policy.PolicySnapshot;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.Socket;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A policy reload reaches the gate of a running SBC (as {@code POST /api/reload} and SIGHUP do,
 * through {@link SignalingNode#reload}): the new per-source connection limit and the new deny list
 * apply to the next connection and message; a ban made before the reload stays.
 */
class GateReloadIT {
    private static SignalingNode node;

    @BeforeAll
    static void start() throws Exception {
        node = SignalingNode.start(StreamLimitsIT.load("streams-policy.yaml"));
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void aReloadChangesTheConnectionLimitAndTheAclOfTheRunningGate() throws Exception {
        PolicySnapshot first = StreamLimitsIT.load("streams-policy.yaml");
        try (Socket a = StreamLimitsIT.connect("127.0.0.16"); Socket b = StreamLimitsIT.connect("127.0.0.16")) {
            assertTrue(StreamLimitsIT.answersOptions(b), "two connections per source before the reload");
            assertTrue(StreamLimitsIT.answersOptions(a));
        }
        assertTrue(node.gate().banManually("127.0.0.17", null));

        node.reload(first, StreamLimitsIT.load("streams-policy-reloaded.yaml"));

        try (Socket a = StreamLimitsIT.connect("127.0.0.18"); Socket b = StreamLimitsIT.connect("127.0.0.18")) {
            assertTrue(StreamLimitsIT.answersOptions(a), "the first connection is served");
            assertTrue(StreamLimitsIT.closedByPeer(b), "the reloaded limit of 1 per source closes the second");
        }
        try (Socket denied = StreamLimitsIT.connect("127.0.0.16")) {
            assertFalse(StreamLimitsIT.answersOptions(denied), "the reloaded deny list drops 127.0.0.16 unanswered");
        }
        assertTrue(node.gate().isBanned("127.0.0.17"), "the reload kept the ban");
    }
}
