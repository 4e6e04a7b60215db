package io.sbc.signaling.auth;

import java.net.InetAddress;

/**
 * Told about every failed digest authentication (wrong password, unknown user, forged or replayed
 * nonce), so the DoS gate can score the source (issue #6). Not told about the first, credential-less
 * request of a normal challenge exchange, nor about stale nonces. Called on the thread that verified
 * the request (an event loop): implementations must not block.
 */
@FunctionalInterface
public interface AuthFailureListener {
    AuthFailureListener NONE = (source, realm) -> { };

    void onFailure(InetAddress source, String realm);
}
