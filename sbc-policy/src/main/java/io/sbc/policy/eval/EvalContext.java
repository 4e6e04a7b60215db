package io.sbc.policy.eval;

import java.net.Inet4Address;
import java.net.InetAddress;

/**
 * Where a message comes from and (once routed) where it goes: the inputs of route and rule
 * conditions that are not in the message itself. Immutable; create one per message with
 * {@link #inbound} and derive the outbound one with {@link #toward}.
 */
public final class EvalContext {
    private final String sourceRealm;
    private final String sourceTrunk;
    private final InetAddress source;
    private final boolean sourceV6;
    private final int sourceV4;
    private final long sourceHigh;
    private final long sourceLow;
    private final String destinationRealm;
    private final String destinationTrunk;
    /** Text form of the source, made on first use (only templates with ${src.ip} need it). */
    private String sourceIpText;

    private EvalContext(String sourceRealm, String sourceTrunk, InetAddress source, String destinationRealm,
            String destinationTrunk) {
        this.sourceRealm = sourceRealm;
        this.sourceTrunk = sourceTrunk;
        this.source = source;
        this.destinationRealm = destinationRealm;
        this.destinationTrunk = destinationTrunk;
        if (source instanceof Inet4Address) {
            sourceV6 = false;
            // Inet4Address.hashCode() is the address itself; getAddress() would copy an array per call.
            sourceV4 = source.hashCode();
            sourceHigh = 0;
            sourceLow = 0;
        } else if (source != null) {
            byte[] b = source.getAddress();
            long hi = 0;
            long lo = 0;
            for (int i = 0; i < 8; i++) {
                hi = (hi << 8) | (b[i] & 0xff);
                lo = (lo << 8) | (b[i + 8] & 0xff);
            }
            sourceV6 = true;
            sourceV4 = 0;
            sourceHigh = hi;
            sourceLow = lo;
        } else {
            sourceV6 = false;
            sourceV4 = 0;
            sourceHigh = 0;
            sourceLow = 0;
        }
    }

    /**
     * A message received on {@code sourceRealm} from {@code source}; {@code sourceTrunk} is the trunk
     * whose gateway sent it (see PolicySnapshot.trunkAt), or null.
     */
    public static EvalContext inbound(String sourceRealm, String sourceTrunk, InetAddress source) {
        return new EvalContext(sourceRealm, sourceTrunk, source, null, null);
    }

    /** The same message on its way to {@code trunk} in {@code realm}. */
    public EvalContext toward(String realm, String trunk) {
        EvalContext c = new EvalContext(sourceRealm, sourceTrunk, source, realm, trunk);
        c.sourceIpText = sourceIpText;
        return c;
    }

    public String sourceRealm() {
        return sourceRealm;
    }

    public String sourceTrunk() {
        return sourceTrunk;
    }

    public InetAddress source() {
        return source;
    }

    public String sourceIpText() {
        if (sourceIpText == null) {
            sourceIpText = source == null ? "" : source.getHostAddress();
        }
        return sourceIpText;
    }

    public boolean sourceIsV6() {
        return sourceV6;
    }

    public int sourceV4() {
        return sourceV4;
    }

    public long sourceHigh() {
        return sourceHigh;
    }

    public long sourceLow() {
        return sourceLow;
    }

    public String destinationRealm() {
        return destinationRealm;
    }

    public String destinationTrunk() {
        return destinationTrunk;
    }

    /** True when {@code name} is this message's source realm or source trunk. */
    public boolean isFrom(String name) {
        return name.equals(sourceRealm) || name.equals(sourceTrunk);
    }

    /** True when {@code name} is this message's destination realm or trunk. */
    public boolean isTo(String name) {
        return name.equals(destinationRealm) || name.equals(destinationTrunk);
    }
}
