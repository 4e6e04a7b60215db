package io.sbc.signaling.registration;

import io.sbc.policy.model.Trunk;
import io.sbc.signaling.auth.DigestCredentials;
import io.sbc.signaling.message.SipUri;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything one trunk registration needs (policy {@code trunks.NAME.register} plus the SBC's own
 * address on the trunk's realm).
 *
 * @param trunk          trunk name (status, logs)
 * @param registrar      Request-URI of the REGISTER (RFC 3261 §10.2: the registrar's domain)
 * @param aor            address of record: From and To (RFC 3261 §10.2)
 * @param contact        the SBC's contact on the trunk's realm
 * @param expiresSeconds requested binding lifetime, 1..{@link #MAX_EXPIRES_SECONDS}
 * @param credentials    for the registrar's 401/407; null = none
 * @param viaTransport   transport token of our Via ("UDP", "TCP", "TLS")
 * @param viaHost        sent-by host of our Via (the listen address of the realm)
 * @param viaPort        sent-by port of our Via
 * @param initialBackoff first retry delay after a failure (default 30 s); doubles per failure
 * @param maxBackoff     bound of the retry delay (default 15 min)
 */
public record RegistrationSettings(String trunk, SipUri registrar, SipUri aor, SipUri contact, int expiresSeconds,
        DigestCredentials credentials, String viaTransport, String viaHost, int viaPort, Duration initialBackoff,
        Duration maxBackoff) {

    /** Upper bound of a requested or Min-Expires-raised Expires: one day. */
    public static final int MAX_EXPIRES_SECONDS = 86_400;
    public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofSeconds(30);
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofMinutes(15);

    public RegistrationSettings {
        Objects.requireNonNull(trunk, "trunk");
        Objects.requireNonNull(registrar, "registrar");
        Objects.requireNonNull(aor, "aor");
        Objects.requireNonNull(contact, "contact");
        Objects.requireNonNull(viaTransport, "viaTransport");
        Objects.requireNonNull(viaHost, "viaHost");
        if (expiresSeconds < 1 || expiresSeconds > MAX_EXPIRES_SECONDS) {
            throw new IllegalArgumentException("expires out of 1.." + MAX_EXPIRES_SECONDS + ": " + expiresSeconds);
        }
        if (initialBackoff.isNegative() || initialBackoff.isZero() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("backoff must satisfy 0 < initial <= max");
        }
    }

    /**
     * Settings for a policy trunk with {@code register}: the registrar is {@code register.registrar}
     * or, when absent, the domain of the AOR (RFC 3261 §10.2.1 Request-URI); Contact is
     * {@code sip:AOR-USER@viaHost:viaPort}. Null when the trunk does not register or a URI does not parse.
     */
    public static RegistrationSettings fromPolicy(Trunk trunk, String viaTransport, String viaHost, int viaPort) {
        if (trunk.register() == null) {
            return null;
        }
        SipUri aor = SipUri.parse(trunk.register().aor().text());
        SipUri registrar = trunk.register().registrar() != null
                ? SipUri.parse(trunk.register().registrar().text())
                : aor == null ? null : SipUri.of(null, aor.host(), aor.port());
        if (aor == null || registrar == null) {
            return null;
        }
        String transportParam = "UDP".equalsIgnoreCase(viaTransport) ? null : viaTransport.toLowerCase();
        SipUri contact = SipUri.of(aor.user(), viaHost, viaPort);
        if (transportParam != null) {
            contact = contact.withParam("transport", transportParam);
        }
        DigestCredentials creds = trunk.auth() == null ? null : DigestCredentials.of(trunk.auth());
        return new RegistrationSettings(trunk.name(), registrar, aor, contact, trunk.register().expiresSeconds(), creds,
                viaTransport.toUpperCase(), viaHost, viaPort, DEFAULT_INITIAL_BACKOFF, DEFAULT_MAX_BACKOFF);
    }
}
