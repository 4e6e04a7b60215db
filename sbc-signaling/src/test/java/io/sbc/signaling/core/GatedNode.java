package io.sbc.signaling.core;

import io.sbc.signaling.gate.Gate;
import io.sbc.signaling.gate.OverloadDetector;
import io.sbc.signaling.transport.SipTransportManager;

import java.lang.reflect.Field;

/**
 * Puts a gate in front of a running {@link SignalingNode}'s dispatcher, as the node's own wiring
 * will once the lead applies it (SignalingNode belongs to the B2BUA branch, so the gate's ITs reach
 * its dispatcher and transports by reflection instead of editing it).
 */
final class GatedNode {
    private GatedNode() {}

    static java.util.List<io.netty.channel.EventLoop> eventLoops(SignalingNode node) {
        try {
            Field t = SignalingNode.class.getDeclaredField("transports");
            t.setAccessible(true);
            return ((SipTransportManager) t.get(node)).eventLoops();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("SignalingNode's fields changed", e);
        }
    }

    static OverloadDetector install(SignalingNode node, Gate gate) {
        try {
            Field d = SignalingNode.class.getDeclaredField("dispatcher");
            d.setAccessible(true);
            Field t = SignalingNode.class.getDeclaredField("transports");
            t.setAccessible(true);
            SipTransportManager transports = (SipTransportManager) t.get(node);
            OverloadDetector overload = OverloadDetector.start(transports.eventLoops());
            ((InboundDispatcher) d.get(node)).useGate(gate);
            return overload;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("SignalingNode's fields changed; wire the gate through the node", e);
        }
    }
}
