package io.sbc.bench.srtp;

import java.security.GeneralSecurityException;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.Mac;
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
 * Same-run reference for {@link SrtpBenchmark}: the first variant of shared/java-stack.md §3 (JCE
 * {@code AES/CTR/NoPadding} with {@code init} per packet + JCE {@code HmacSHA1}, 80-bit tag, over a
 * 12 + 160 byte packet), which measured 2.76 M ops/s on an idle core with JDK 17. The ratio
 * {@code SrtpBenchmark.protectOnly / jceCtrInitPerPacketPlusHmac} from one run, times that idle
 * figure, estimates the idle-core rate when the shared machine is busy.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SrtpJceBaselineBenchmark {
    private final byte[] packet = new byte[172 + 10];
    private final byte[] iv = new byte[16];
    private final byte[] roc = new byte[4];
    private Cipher ctr;
    private Mac mac;
    private SecretKeySpec key;
    private int seq;

    @Setup
    public void setUp() throws GeneralSecurityException {
        key = new SecretKeySpec(new byte[16], "AES");
        ctr = Cipher.getInstance("AES/CTR/NoPadding");
        mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(new byte[20], "HmacSHA1"));
        packet[0] = (byte) 0x80;
    }

    @Benchmark
    public int jceCtrInitPerPacketPlusHmac() throws GeneralSecurityException {
        int s = seq++;
        iv[12] = (byte) (s >>> 8);
        iv[13] = (byte) s;
        ctr.init(Cipher.ENCRYPT_MODE, key, new IvParameterSpec(iv));
        ctr.doFinal(packet, 12, 160, packet, 12);
        mac.update(packet, 0, 172);
        mac.update(roc, 0, 4);
        byte[] tag = mac.doFinal();
        System.arraycopy(tag, 0, packet, 172, 10);
        return tag[0];
    }
}
