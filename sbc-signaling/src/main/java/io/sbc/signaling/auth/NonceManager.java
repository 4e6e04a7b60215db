package io.sbc.signaling.auth;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Server nonces for digest challenges (RFC 7616 §3.3, §5.4): stateless to issue and check, bounded
 * state for replay protection.
 *
 * <p>A nonce is {@code base64url(timestamp || HMAC-SHA256(key, timestamp || realm)[0..16])}: the SBC
 * recognises its own nonces without storing them, a nonce of one realm is useless in another, and a
 * restart (new random key) invalidates them all. After {@link #lifetime()} a nonce is stale: a
 * request with otherwise valid credentials gets a new challenge with {@code stale=true} and the
 * client retries silently (RFC 7616 §3.3).
 *
 * <p>Replay (RFC 7616 §5.4): each used nonce's highest {@code nc} is kept in a table of at most
 * {@code maxTrackedNonces} entries; a count that does not grow is a replay. When the table is full the
 * oldest entry is dropped and its timestamp raises a floor: an untracked nonce issued at or before the
 * floor is treated as stale, so dropping state never re-opens a replay window.
 *
 * <p>Threading: {@link #issue} and {@link #check} are pure; {@link #acceptCount} synchronizes on the
 * table. It runs once per authenticated request (never per packet), from any event loop, because
 * requests of one client hash to different loops by Call-ID.
 */
public final class NonceManager {
    /** Default nonce lifetime: 300 s. */
    public static final Duration DEFAULT_LIFETIME = Duration.ofSeconds(300);
    /** Default bound of the replay table. */
    public static final int DEFAULT_MAX_TRACKED_NONCES = 65_536;

    private static final int MAC_BYTES = 16;

    /** Result of {@link #check}. */
    public enum Validity { VALID, STALE, INVALID }

    private final SecretKeySpec key;
    private final Duration lifetime;
    private final long lifetimeMillis;
    private final int maxTrackedNonces;
    private final LongSupplier clockMillis;
    private final Map<String, long[]> tracked = new LinkedHashMap<>();
    private long evictedFloorMillis = Long.MIN_VALUE;

    public NonceManager(byte[] hmacKey, Duration lifetime, int maxTrackedNonces, LongSupplier clockMillis) {
        if (hmacKey.length < 16) {
            throw new IllegalArgumentException("HMAC key shorter than 128 bits");
        }
        if (lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException("nonce lifetime must be positive: " + lifetime);
        }
        if (maxTrackedNonces < 1) {
            throw new IllegalArgumentException("maxTrackedNonces must be >= 1");
        }
        this.key = new SecretKeySpec(hmacKey.clone(), "HmacSHA256");
        this.lifetime = lifetime;
        this.lifetimeMillis = lifetime.toMillis();
        this.maxTrackedNonces = maxTrackedNonces;
        this.clockMillis = Objects.requireNonNull(clockMillis, "clockMillis");
    }

    /** A manager with a fresh 256-bit random key (per process), the default bound and the given lifetime. */
    public static NonceManager withRandomKey(Duration lifetime, LongSupplier clockMillis) {
        byte[] k = new byte[32];
        new SecureRandom().nextBytes(k);
        return new NonceManager(k, lifetime, DEFAULT_MAX_TRACKED_NONCES, clockMillis);
    }

    public Duration lifetime() {
        return lifetime;
    }

    /** A new nonce for {@code realm}, stamped with the current time. */
    public String issue(String realm) {
        long now = clockMillis.getAsLong();
        ByteBuffer b = ByteBuffer.allocate(8 + MAC_BYTES);
        b.putLong(now);
        b.put(mac(now, realm), 0, MAC_BYTES);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b.array());
    }

    /** Whether {@code nonce} was issued by this manager for {@code realm}, and whether it is still fresh. */
    public Validity check(String nonce, String realm) {
        long issued = issuedAt(nonce, realm);
        if (issued == Long.MIN_VALUE) {
            return Validity.INVALID;
        }
        long age = clockMillis.getAsLong() - issued;
        if (age < 0) {
            return Validity.INVALID; // from the future: not ours (or a clock step back; the client re-challenges)
        }
        return age > lifetimeMillis ? Validity.STALE : Validity.VALID;
    }

    /**
     * Records use {@code nc} of a nonce that {@link #check} found VALID for a request whose digest
     * verified. False when the count does not grow (a replay) or the nonce's state was dropped; the
     * caller then challenges again with {@code stale=true}.
     */
    public boolean acceptCount(String nonce, long nc, String realm) {
        long issued = issuedAt(nonce, realm);
        if (issued == Long.MIN_VALUE || nc < 1) {
            return false;
        }
        synchronized (tracked) {
            long[] last = tracked.get(nonce);
            if (last != null) {
                if (nc <= last[0]) {
                    return false;
                }
                last[0] = nc;
                return true;
            }
            if (issued <= evictedFloorMillis) {
                return false;
            }
            tracked.put(nonce, new long[] {nc, issued});
            Iterator<long[]> it = tracked.values().iterator();
            while (tracked.size() > maxTrackedNonces && it.hasNext()) {
                long[] eldest = it.next();
                evictedFloorMillis = Math.max(evictedFloorMillis, eldest[1]);
                it.remove();
            }
            return true;
        }
    }

    /** Nonces in the replay table (for metrics and tests). */
    public int trackedNonces() {
        synchronized (tracked) {
            return tracked.size();
        }
    }

    /** The issue time of a well-formed nonce with a correct MAC, else Long.MIN_VALUE. */
    private long issuedAt(String nonce, String realm) {
        if (nonce == null || nonce.length() != 32) {
            return Long.MIN_VALUE;
        }
        byte[] raw;
        try {
            raw = Base64.getUrlDecoder().decode(nonce);
        } catch (IllegalArgumentException e) {
            return Long.MIN_VALUE;
        }
        if (raw.length != 8 + MAC_BYTES) {
            return Long.MIN_VALUE;
        }
        long ts = ByteBuffer.wrap(raw, 0, 8).getLong();
        byte[] expected = mac(ts, realm);
        byte[] got = new byte[MAC_BYTES];
        System.arraycopy(raw, 8, got, 0, MAC_BYTES);
        byte[] want = new byte[MAC_BYTES];
        System.arraycopy(expected, 0, want, 0, MAC_BYTES);
        return MessageDigest.isEqual(got, want) ? ts : Long.MIN_VALUE;
    }

    private byte[] mac(long ts, String realm) {
        try {
            Mac m = Mac.getInstance("HmacSHA256");
            m.init(key);
            m.update(ByteBuffer.allocate(8).putLong(ts).array());
            m.update(realm.getBytes(StandardCharsets.UTF_8));
            return m.doFinal();
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
