package io.sbc.media.srtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link AesGcm} agrees with NIST SP 800-38D as implemented by JCE AES/GCM, the reference here. */
class AesGcmTest {

    /** McGrew-Viega GCM spec test case 4 (AES-128, 60-octet text, 20-octet AAD, 96-bit IV). */
    @Test
    void sealsGcmSpecTestCase4() {
        byte[] key = Hex.bytes("feffe9928665731c6d6a8f9467308308");
        byte[] iv = Hex.bytes("cafebabefacedbaddecaf888");
        byte[] aad = Hex.bytes("feedfacedeadbeeffeedfacedeadbeefabaddad2");
        byte[] text = Hex.bytes("d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
                + "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39");
        byte[] expected = Hex.bytes("42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e"
                + "21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091"
                + "5bc94fbc3221a5db94fae95ae7121a47");
        byte[] buf = new byte[aad.length + text.length + 16];
        System.arraycopy(aad, 0, buf, 0, aad.length);
        System.arraycopy(text, 0, buf, aad.length, text.length);
        AesGcm gcm = new AesGcm(key);
        gcm.setIv(ByteBuffer.wrap(iv).getLong(0), ByteBuffer.wrap(iv).getInt(8));
        assertTrue(gcm.seal(buf, 0, aad.length, new byte[0], 0, 0, aad.length, text.length, aad.length + text.length));
        assertArrayEquals(expected, Arrays.copyOfRange(buf, aad.length, buf.length));
        assertTrue(gcm.open(buf, 0, aad.length, new byte[0], 0, 0, aad.length, text.length, aad.length + text.length));
        assertArrayEquals(text, Arrays.copyOfRange(buf, aad.length, aad.length + text.length));
    }

    /** Random keys, IVs, AAD split in two pieces and text lengths 0..2200 (past the 64-block ECB chunk). */
    @ParameterizedTest
    @ValueSource(longs = {1L, 7714L, 0x5EEDL})
    void sealMatchesJceAndOpenRoundTrips(long seed) throws Exception {
        RandomGenerator rnd = RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
        for (int round = 0; round < 300; round++) {
            String ctx = "seed " + seed + " round " + round;
            byte[] key = new byte[rnd.nextBoolean() ? 16 : 32];
            rnd.nextBytes(key);
            byte[] iv = new byte[12];
            rnd.nextBytes(iv);
            int aadLen = rnd.nextInt(60);
            int aad2Len = rnd.nextInt(20);
            int textLen = round < 40 ? round * 55 : rnd.nextInt(2200);
            int off = rnd.nextInt(5);
            byte[] buf = new byte[off + aadLen + textLen + 16 + 3];
            rnd.nextBytes(buf);
            byte[] aad2 = new byte[aad2Len + 2];
            rnd.nextBytes(aad2);

            Cipher jce = Cipher.getInstance("AES/GCM/NoPadding");
            jce.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, iv));
            jce.updateAAD(buf, off, aadLen);
            jce.updateAAD(aad2, 1, aad2Len);
            byte[] expected = jce.doFinal(buf, off + aadLen, textLen);
            byte[] plain = buf.clone();

            AesGcm gcm = new AesGcm(key);
            gcm.setIv(ByteBuffer.wrap(iv).getLong(0), ByteBuffer.wrap(iv).getInt(8));
            int textOff = off + aadLen;
            assertTrue(gcm.seal(buf, off, aadLen, aad2, 1, aad2Len, textOff, textLen, textOff + textLen), ctx);
            assertArrayEquals(expected, Arrays.copyOfRange(buf, textOff, textOff + textLen + 16), ctx);

            byte[] sealed = buf.clone();
            int flip = rnd.nextInt(aadLen + textLen + 16);
            buf[off + flip] ^= (byte) (1 << rnd.nextInt(8));
            byte[] tampered = buf.clone();
            assertFalse(gcm.open(buf, off, aadLen, aad2, 1, aad2Len, textOff, textLen, textOff + textLen), ctx);
            assertArrayEquals(tampered, buf, ctx + ": rejected input changed");

            System.arraycopy(sealed, 0, buf, 0, buf.length);
            assertTrue(gcm.open(buf, off, aadLen, aad2, 1, aad2Len, textOff, textLen, textOff + textLen), ctx);
            assertArrayEquals(Arrays.copyOf(plain, textOff + textLen), Arrays.copyOf(buf, textOff + textLen), ctx);
        }
    }
}
