/**
 * SRTP and SRTCP (RFC 3711) with AES-CM/HMAC-SHA1 and AES-GCM (RFC 7714) suites, key derivation,
 * ROC/replay state, and SDES key material (RFC 4568) for the relay's RTP↔SRTP and SRTP↔SRTP legs.
 *
 * <h2>Objects and ownership</h2>
 * <ul>
 *   <li>{@link io.sbc.media.srtp.SrtpCryptoSuite}: suite names exactly as in {@code a=crypto}, with
 *       key/salt/tag lengths and DTLS-SRTP profile ids. Immutable.</li>
 *   <li>{@link io.sbc.media.srtp.SdesKeyParams}: {@code inline:} key-params: parse (result with a
 *       reason), generate with {@link java.security.SecureRandom}, format. Immutable; used on the
 *       control/SDP path.</li>
 *   <li>{@link io.sbc.media.srtp.SrtpContext}: one per direction per media stream (a leg has an
 *       inbound context with the peer's key and an outbound context with ours). Built on the control
 *       thread at offer/answer time, then owned by the relay worker that owns the stream; it holds
 *       the per-SSRC ROC, replay window and SRTCP index, bounded to 16 SSRCs by default. It has no
 *       timers, so hold/resume needs nothing; a re-offer keeps it when
 *       {@link io.sbc.media.srtp.SrtpContext#usesKeys} says the keys are unchanged.</li>
 *   <li>{@link io.sbc.media.srtp.SrtpKeyDerivation}: RFC 3711 §4.3 session keys, set-up only.</li>
 *   <li>Package-private transforms ({@code AesCmHmacTransform}, {@code AesGcmTransform}) and their
 *       primitives ({@code AesCounterMode}, {@code HmacSha1}, {@code SrtpStreamTable}) belong to
 *       one context and its owner thread.</li>
 * </ul>
 *
 * <h2>Packet path</h2>
 * All protect/unprotect methods work in place on {@code byte[]}/{@code ByteBuffer}/Netty
 * {@code ByteBuf} regions and return the new length or a negative
 * {@link io.sbc.media.srtp.SrtpError} code; bad packets never throw. AES-CM suites allocate nothing
 * per packet (tested with ThreadMXBean; JMH {@code -prof gc} in bench/results/srtp.md). GCM suites
 * allocate inside JCE (about 1 KB per packet), because SunJCE requires {@code Cipher.init} per IV.
 */
package io.sbc.media.srtp;
