/**
 * HTTP Digest for SIP (RFC 3261 §22, RFC 7616, RFC 8760), both halves.
 *
 * <p><b>Client</b> (toward trunks): {@link io.sbc.signaling.auth.ChallengeResponder#respond} turns a
 * request the SBC sent and its 401/407 into the re-signed request (CSeq + 1) or null when the same
 * credentials already failed. The B2BUA calls it for INVITE, re-INVITE, BYE (any method) with
 * {@link io.sbc.signaling.auth.DigestCredentials#of}(trunk.auth()), replaces the top Via with a fresh
 * branch, takes the new CSeq as the dialog's local CSeq, and sends it in a new client transaction.
 * One {@link io.sbc.signaling.auth.DigestClient} (nonce counts) per event loop.
 *
 * <p><b>Server</b> (toward the PBX side): one {@link io.sbc.signaling.auth.DigestServer} per realm with
 * users (policy {@code realms.NAME.auth}) and one {@link io.sbc.signaling.auth.NonceManager} per node,
 * shared by every loop. {@link io.sbc.signaling.auth.DigestServer#authenticate} returns
 * NOT_REQUIRED / TRUSTED / AUTHENTICATED, or CHALLENGED with the 401/407 to send.
 * {@link io.sbc.signaling.auth.AuthFailureListener} feeds the DoS gate's per-source score.
 */
package io.sbc.signaling.auth;
