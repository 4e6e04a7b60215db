package io.sbc.signaling.transport;

import io.netty.buffer.ByteBuf;
import io.netty.util.ReferenceCounted;
import io.netty.util.AbstractReferenceCounted;

/**
 * Non-frame results the {@link SipStreamFramer} passes up the pipeline. Rare by nature (each ends
 * the connection), so they are small objects rather than preallocated flags.
 */
final class StreamEvents {
    private StreamEvents() {}

    /**
     * A message bigger than the limit; {@code head} is a retained slice of its first bytes, owned by
     * the receiver of this event (released with it).
     */
    static final class Oversize extends AbstractReferenceCounted {
        final ByteBuf head;

        Oversize(ByteBuf head) {
            this.head = head;
        }

        @Override
        protected void deallocate() {
            head.release();
        }

        @Override
        public ReferenceCounted touch(Object hint) {
            head.touch(hint);
            return this;
        }
    }

    /** The stream lost its framing for {@code reason}; the connection must be closed. */
    record FramingFailure(FramingError reason) {}
}
