package io.sbc.signaling.registration;

import io.sbc.signaling.auth.AuthResult;
import io.sbc.signaling.auth.DigestServer;
import io.sbc.signaling.message.SipRequest;
import io.sbc.signaling.message.SipResponse;
import io.sbc.signaling.message.SipResponses;
import io.sbc.signaling.message.SipUri;
import io.sbc.signaling.transaction.Destination;
import io.sbc.signaling.transaction.SipTokens;
import java.util.Objects;

/**
 * A REGISTER received on a realm (RFC 3261 §10.3): authenticate it with the realm's
 * {@link DigestServer} (401 challenge; trusted sources and realms without users pass), check that an
 * authenticated user registers its own AOR (step 4), then let the {@link Registrar} apply it.
 *
 * <p>The UA core calls {@link #handle} from {@code onRequest} for REGISTER and sends the returned
 * response on the server transaction. Stateless apart from the registrar; safe on any event loop.
 */
public final class RegisterHandler {
    private final Registrar registrar;
    private final DigestServer digest;

    /** @param digest the realm's digest server, or null when the realm does not authenticate */
    public RegisterHandler(Registrar registrar, DigestServer digest) {
        this.registrar = Objects.requireNonNull(registrar, "registrar");
        this.digest = digest;
    }

    public SipResponse handle(SipRequest request, Destination source) {
        if (digest != null) {
            AuthResult auth = digest.authenticate(request, source.remote().getAddress(), false);
            if (!auth.admitted()) {
                return auth.challenge();
            }
            if (auth.outcome() == AuthResult.Outcome.AUTHENTICATED) {
                SipUri to = request.to() == null ? null : request.to().sipUri();
                if (to == null || !auth.username().equals(to.user())) {
                    // Step 4: the user may register only its own AOR; said after authentication only,
                    // so it reveals nothing to someone without a password.
                    return SipResponses.create(request, 403, "Forbidden", SipTokens.newTag());
                }
            }
        }
        return registrar.register(request, source);
    }
}
