package io.sbc.signaling.codec;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sbc.signaling.message.FrameLayout;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/**
 * The lazy parse path allocates the message object and its frame array and nothing else (style.md
 * §3): measured with the thread's allocated-bytes counter over 10,000 parses.
 */
class LazyParseAllocationTest {
    @Test
    void lazyParseAllocatesOnlyTheMessageAndItsFrame() {
        var mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assumeTrue(mx.isThreadAllocatedMemorySupported());
        mx.setThreadAllocatedMemoryEnabled(true);
        byte[] in = Messages.bytes(Messages.INVITE);
        SipParser parser = new SipParser();
        long sink = 0;
        for (int i = 0; i < 20_000; i++) {
            sink += parser.parse(in, 0, in.length).message().headerFieldCount();
        }
        int n = 10_000;
        long tid = Thread.currentThread().getId();
        long before = mx.getThreadAllocatedBytes(tid);
        for (int i = 0; i < n; i++) {
            sink += parser.parse(in, 0, in.length).message().headerFieldCount();
        }
        long perParse = (mx.getThreadAllocatedBytes(tid) - before) / n;
        int headers = parser.parse(in, 0, in.length).message().headerFieldCount();
        long frameBytes = 16 + 4L * (FrameLayout.HEADER_BASE + headers * FrameLayout.ENTRY);
        long messageBytes = 96; // SipRequest with its fields (compressed oops), rounded up
        assertTrue(perParse <= frameBytes + messageBytes,
                "allocated " + perParse + " B per parse; frame " + frameBytes + " B + message " + messageBytes + " B (" + sink + ")");
    }
}
