package io.sbc.nativeio;

import java.lang.reflect.Method;
import java.nio.channels.DatagramChannel;

/**
 * The file descriptor behind a JDK {@link DatagramChannel}, so socket options and calls the JDK
 * lacks can be applied to a channel that otherwise stays a normal NIO channel (registered with a
 * {@code Selector}, closed by the JDK).
 *
 * <p>The JDK offers no public API for it. This calls the public method {@code getFDVal()} of the
 * public interface {@code sun.nio.ch.SelChImpl} that the JDK's channels implement: no
 * {@code setAccessible}, no {@code --add-opens}, but the package must be exported to us:
 * {@code --add-exports=java.base/sun.nio.ch=ALL-UNNAMED} (already in the project's JVM flags and the
 * runnable jar's manifest). Without it {@link #fdOf} returns -1 and {@link #unavailableReason()} says
 * why; callers then stay on the pure-Java path.
 */
public final class SocketDescriptors {

    private static final Method GET_FD_VAL;
    private static final String REASON;

    static {
        Method m = null;
        String reason = null;
        try {
            Class<?> selCh = Class.forName("sun.nio.ch.SelChImpl");
            m = selCh.getMethod("getFDVal");
            if (!SocketDescriptors.class.getModule().canRead(selCh.getModule())
                    || !selCh.getModule().isExported("sun.nio.ch", SocketDescriptors.class.getModule())) {
                reason = "sun.nio.ch not exported: run with --add-exports=java.base/sun.nio.ch=ALL-UNNAMED";
                m = null;
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            reason = "no sun.nio.ch.SelChImpl.getFDVal in this JDK: " + e.getClass().getSimpleName();
            m = null;
        }
        GET_FD_VAL = m;
        REASON = reason;
    }

    private SocketDescriptors() {
    }

    /** The channel's file descriptor, or -1 when it cannot be obtained (see the class comment). */
    public static int fdOf(DatagramChannel channel) {
        if (GET_FD_VAL == null || !GET_FD_VAL.getDeclaringClass().isInstance(channel)) {
            return -1;
        }
        try {
            return (Integer) GET_FD_VAL.invoke(channel);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return -1;
        }
    }

    /** Why {@link #fdOf} cannot work in this JVM, or null when it can. */
    public static String unavailableReason() {
        return REASON;
    }
}
