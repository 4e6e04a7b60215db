package io.sbc.bench.srtp;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The alternatives weighed for the two halves of an AES_CM_128_HMAC_SHA1_80 protect of a 12 + 160
 * octet packet (issue #4), each allocation-free, so the choice in {@code io.sbc.media.srtp} can be
 * re-checked on another CPU or JDK:
 *
 * <ul>
 *   <li>keystream: {@code ecbCounterBlocks} (what {@code AesCounterMode} does: 10 counter blocks, one
 *       {@code AES/ECB} update, i.e. one AES-NI call per block unless the JVM has the AVX-512 ECB
 *       stub) against {@code ctrReinitPerPacket} ({@code AES/CTR} re-initialised per packet with a
 *       reused key and IV spec, so SunJCE's pipelined CTR stub runs; zero allocation because the key's
 *       {@code getEncoded} and the spec's {@code getIV} hand out reused arrays).</li>
 *   <li>HMAC-SHA1 over the 176-octet M (RFC 3711 §4.2): {@code hmacMessageDigest} (what
 *       {@code HmacSha1} does: 6 compressions through the JVM's SHA-1 intrinsic) against
 *       {@code hmacJavaSha1PrecomputedPads} (RFC 2104 §4 precomputed ipad/opad states, 4 compressions
 *       in plain Java).</li>
 * </ul>
 *
 * <p>Results and the decision: bench/results/srtp.md (session 4).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SrtpPrimitivesBenchmark {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.nativeOrder());
    private static final VarHandle LONGS_BE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INTS_BE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final int PAYLOAD = 160;
    private static final int M = 12 + PAYLOAD + 4;

    private final byte[] packet = new byte[M + 16];
    private final byte[] counters = new byte[PAYLOAD];
    private final byte[] keystream = new byte[PAYLOAD];
    private final byte[] zeros = new byte[PAYLOAD];
    private Cipher ecb;
    private Cipher ctr;
    private final ReusedKey ctrKey = new ReusedKey(new byte[16]);
    private final ReusedIv ctrIv = new ReusedIv();
    private long index;

    private MessageDigest inner;
    private MessageDigest outer;
    private final byte[] ipad = new byte[64];
    private final byte[] outerMessage = new byte[84];
    private final byte[] tag = new byte[20];
    private final int[] innerState = new int[5];
    private final int[] outerState = new int[5];
    private final int[] h = new int[5];
    private final int[] w = new int[80];
    private final byte[] tail = new byte[128];

    /** A key whose encoding is copied into one reused array (SunJCE zeroes it after use). */
    private static final class ReusedKey implements SecretKey {
        private static final long serialVersionUID = 1L;
        private final byte[] key;
        private final byte[] encoded;

        ReusedKey(byte[] key) {
            this.key = key.clone();
            this.encoded = new byte[key.length];
        }

        @Override
        public String getAlgorithm() {
            return "AES";
        }

        @Override
        public String getFormat() {
            return "RAW";
        }

        @Override
        public byte[] getEncoded() {
            System.arraycopy(key, 0, encoded, 0, key.length);
            return encoded;
        }
    }

    /** An IV spec that hands out its own array instead of a clone. */
    private static final class ReusedIv extends IvParameterSpec {
        final byte[] iv = new byte[16];

        ReusedIv() {
            super(new byte[16]);
        }

        @Override
        public byte[] getIV() {
            return iv;
        }
    }

    @Setup
    public void setUp() throws GeneralSecurityException {
        ecb = Cipher.getInstance("AES/ECB/NoPadding");
        ecb.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(new byte[16], "AES"));
        ctr = Cipher.getInstance("AES/CTR/NoPadding");
        inner = MessageDigest.getInstance("SHA-1");
        outer = MessageDigest.getInstance("SHA-1");
        for (int i = 0; i < 64; i++) {
            byte k = i < 20 ? (byte) (i * 11 + 3) : 0;
            ipad[i] = (byte) (k ^ 0x36);
            outerMessage[i] = (byte) (k ^ 0x5c);
        }
        int[] iv = {0x67452301, 0xEFCDAB89, 0x98BADCFE, 0x10325476, 0xC3D2E1F0};
        System.arraycopy(iv, 0, innerState, 0, 5);
        compress(innerState, ipad, 0);
        System.arraycopy(iv, 0, outerState, 0, 5);
        compress(outerState, outerMessage, 0);
        for (int i = 0; i < packet.length; i++) {
            packet[i] = (byte) i;
        }
        // Both HMAC variants must produce the same tag, or the comparison means nothing.
        byte[] viaDigest = hmacMessageDigest().clone();
        packet[3]--;
        if (!Arrays.equals(viaDigest, hmacJavaSha1PrecomputedPads())) {
            throw new IllegalStateException("pure-Java HMAC-SHA1 disagrees with MessageDigest");
        }
    }

    @Benchmark
    public byte[] ecbCounterBlocks() throws GeneralSecurityException {
        long low = 0x1122_3344_5566_0000L ^ (++index << 16);
        for (int p = 0, block = 0; p < PAYLOAD; p += 16, block++) {
            LONGS_BE.set(counters, p, 0x0102_0304_0506_0708L);
            LONGS_BE.set(counters, p + 8, low | block);
        }
        ecb.update(counters, 0, PAYLOAD, keystream, 0);
        xorIntoPacket();
        return packet;
    }

    @Benchmark
    public byte[] ctrReinitPerPacket() throws GeneralSecurityException {
        LONGS_BE.set(ctrIv.iv, 0, 0x0102_0304_0506_0708L);
        LONGS_BE.set(ctrIv.iv, 8, 0x1122_3344_5566_0000L ^ (++index << 16));
        ctr.init(Cipher.ENCRYPT_MODE, ctrKey, ctrIv);
        // update, not doFinal: in place or not, doFinal copies its input when input == output.
        ctr.update(zeros, 0, PAYLOAD, keystream, 0);
        xorIntoPacket();
        return packet;
    }

    private void xorIntoPacket() {
        for (int i = 0; i < PAYLOAD; i += 8) {
            LONGS.set(packet, 12 + i, (long) LONGS.get(packet, 12 + i) ^ (long) LONGS.get(keystream, i));
        }
    }

    @Benchmark
    public byte[] hmacMessageDigest() throws GeneralSecurityException {
        packet[3]++;
        inner.update(ipad, 0, 64);
        inner.update(packet, 0, M);
        inner.digest(outerMessage, 64, 20);
        outer.update(outerMessage, 0, 84);
        outer.digest(tag, 0, 20);
        return tag;
    }

    @Benchmark
    public byte[] hmacJavaSha1PrecomputedPads() {
        packet[3]++;
        System.arraycopy(innerState, 0, h, 0, 5);
        compress(h, packet, 0);
        compress(h, packet, 64);
        // M is 176 octets: 48 left after two blocks, then 0x80, zeros, and the bit length of ipad || M.
        System.arraycopy(packet, 128, tail, 0, 48);
        tail[48] = (byte) 0x80;
        for (int i = 49; i < 60; i++) {
            tail[i] = 0;
        }
        INTS_BE.set(tail, 60, (64 + M) * 8);
        compress(h, tail, 0);
        for (int i = 0; i < 5; i++) {
            INTS_BE.set(tail, 64 + 4 * i, h[i]);
        }
        tail[84] = (byte) 0x80;
        for (int i = 85; i < 124; i++) {
            tail[i] = 0;
        }
        INTS_BE.set(tail, 124, (64 + 20) * 8);
        System.arraycopy(outerState, 0, h, 0, 5);
        compress(h, tail, 64);
        for (int i = 0; i < 5; i++) {
            INTS_BE.set(tag, 4 * i, h[i]);
        }
        return tag;
    }

    /** FIPS 180-4 §6.1.2 SHA-1 compression of one 64-octet block. */
    private void compress(int[] state, byte[] b, int off) {
        for (int i = 0; i < 16; i++) {
            w[i] = (int) INTS_BE.get(b, off + 4 * i);
        }
        for (int i = 16; i < 80; i++) {
            w[i] = Integer.rotateLeft(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1);
        }
        int a = state[0];
        int bb = state[1];
        int c = state[2];
        int d = state[3];
        int e = state[4];
        // One loop per round function (FIPS 180-4 §4.1.1), so C2 sees no per-round branch.
        for (int i = 0; i < 20; i++) {
            int t = Integer.rotateLeft(a, 5) + ((bb & c) | (~bb & d)) + e + 0x5A827999 + w[i];
            e = d;
            d = c;
            c = Integer.rotateLeft(bb, 30);
            bb = a;
            a = t;
        }
        for (int i = 20; i < 40; i++) {
            int t = Integer.rotateLeft(a, 5) + (bb ^ c ^ d) + e + 0x6ED9EBA1 + w[i];
            e = d;
            d = c;
            c = Integer.rotateLeft(bb, 30);
            bb = a;
            a = t;
        }
        for (int i = 40; i < 60; i++) {
            int t = Integer.rotateLeft(a, 5) + ((bb & c) | (bb & d) | (c & d)) + e + 0x8F1BBCDC + w[i];
            e = d;
            d = c;
            c = Integer.rotateLeft(bb, 30);
            bb = a;
            a = t;
        }
        for (int i = 60; i < 80; i++) {
            int t = Integer.rotateLeft(a, 5) + (bb ^ c ^ d) + e + 0xCA62C1D6 + w[i];
            e = d;
            d = c;
            c = Integer.rotateLeft(bb, 30);
            bb = a;
            a = t;
        }
        state[0] += a;
        state[1] += bb;
        state[2] += c;
        state[3] += d;
        state[4] += e;
    }
}
