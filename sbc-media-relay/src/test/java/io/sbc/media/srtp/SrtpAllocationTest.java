package io.sbc.media.srtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** style.md §3: the AES-CM and AES-GCM packet paths allocate nothing per packet after warm-up. */
class SrtpAllocationTest {
    private static final int PACKETS = 10_000;

    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
                .getThreadAllocatedBytes(Thread.currentThread().getId());
    }

    private static int roundTrip(SrtpContext tx, SrtpContext rx, byte[] buf, int seq) {
        buf[2] = (byte) (seq >>> 8);
        buf[3] = (byte) seq;
        int n = tx.protectRtp(buf, 0, 172);
        return rx.unprotectRtp(buf, 0, n);
    }

    @ParameterizedTest
    @EnumSource(value = SrtpCryptoSuite.class, names = {"AES_CM_128_HMAC_SHA1_80", "AES_CM_128_HMAC_SHA1_32", "AES_256_CM_HMAC_SHA1_80",
            "AEAD_AES_128_GCM", "AEAD_AES_256_GCM"})
    void protectAndUnprotectAllocateNothingPerPacket(SrtpCryptoSuite suite) {
        Assumptions.assumeTrue(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean);
        SrtpContext tx = Packets.context(suite, 30);
        SrtpContext rx = Packets.context(suite, 30);
        byte[] buf = Packets.rtp(0, 0x12345678, 160);
        byte[] rtcp = Packets.rtcp(0x12345678, 52);
        int seq = 0;
        for (; seq < 20_000; seq++) { // warm-up: JIT, lazy JCE initialisation; RTCP every 50 packets
            assertEquals(172, roundTrip(tx, rx, buf, seq & 0xFFFF));
            if (seq % 50 == 0) {
                assertEquals(52, rx.unprotectRtcp(rtcp, 0, tx.protectRtcp(rtcp, 0, 52)));
            }
        }
        long before = allocatedBytes();
        int ok = 0;
        for (int i = 0; i < PACKETS; i++, seq++) {
            ok += roundTrip(tx, rx, buf, seq & 0xFFFF) == 172 ? 1 : 0;
            if (seq % 50 == 0) {
                ok += rx.unprotectRtcp(rtcp, 0, tx.protectRtcp(rtcp, 0, 52)) == 52 ? 0 : -1_000_000;
            }
        }
        long perPacket = (allocatedBytes() - before) / PACKETS;
        assertEquals(PACKETS, ok);
        assertTrue(perPacket == 0, "allocated " + perPacket + " B per protect+unprotect");
    }

    @ParameterizedTest
    @EnumSource(value = SrtpCryptoSuite.class, names = {"AES_CM_128_HMAC_SHA1_80", "AEAD_AES_128_GCM"})
    void directByteBufferPathAllocatesNothingPerPacket(SrtpCryptoSuite suite) {
        Assumptions.assumeTrue(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean);
        SrtpContext tx = Packets.context(suite, 31);
        SrtpContext rx = Packets.context(suite, 31);
        ByteBuffer buf = ByteBuffer.allocateDirect(256);
        buf.put(0, Packets.rtp(0, 0x2222, 160), 0, 172);
        int seq = 0;
        for (; seq < 20_000; seq++) {
            buf.putShort(2, (short) seq);
            assertEquals(172, rx.unprotectRtp(buf, 0, tx.protectRtp(buf, 0, 172)));
        }
        long before = allocatedBytes();
        for (int i = 0; i < PACKETS; i++, seq++) {
            buf.putShort(2, (short) seq);
            rx.unprotectRtp(buf, 0, tx.protectRtp(buf, 0, 172));
        }
        long perPacket = (allocatedBytes() - before) / PACKETS;
        assertEquals(20_000 + PACKETS, rx.packetsUnprotected());
        assertTrue(perPacket == 0, "allocated " + perPacket + " B per protect+unprotect");
    }

    @ParameterizedTest
    @EnumSource(value = SrtpCryptoSuite.class, names = {"AES_CM_128_HMAC_SHA1_80"})
    void nettyDirectByteBufPathAllocatesNothingPerPacket(SrtpCryptoSuite suite) {
        Assumptions.assumeTrue(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean);
        SrtpContext tx = Packets.context(suite, 32);
        SrtpContext rx = Packets.context(suite, 32);
        // Wrapping a direct ByteBuffer avoids the leak-detector wrapper: tests run with
        // io.netty.leakDetection.level=paranoid, which records a stack trace on every access.
        io.netty.buffer.ByteBuf buf = io.netty.buffer.Unpooled.wrappedBuffer(java.nio.ByteBuffer.allocateDirect(256));
        try {
            buf.setBytes(0, Packets.rtp(0, 0x3333, 160), 0, 172);
            int seq = 0;
            for (; seq < 20_000; seq++) {
                buf.setShort(2, seq);
                assertEquals(172, rx.unprotectRtp(buf, 0, tx.protectRtp(buf, 0, 172)));
            }
            long before = allocatedBytes();
            for (int i = 0; i < PACKETS; i++, seq++) {
                buf.setShort(2, seq);
                rx.unprotectRtp(buf, 0, tx.protectRtp(buf, 0, 172));
            }
            long perPacket = (allocatedBytes() - before) / PACKETS;
            assertEquals(20_000 + PACKETS, rx.packetsUnprotected());
            assertTrue(perPacket == 0, "allocated " + perPacket + " B per protect+unprotect");
        } finally {
            buf.release();
        }
    }
}
