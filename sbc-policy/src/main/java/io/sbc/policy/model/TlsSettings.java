package io.sbc.policy.model;

/**
 * TLS material of a realm (used by its tls:// and wss:// listeners). Paths are resolved against the
 * policy file's directory at load time.
 *
 * @param certificate PEM certificate chain, null when selfSigned
 * @param key         PEM private key, null when selfSigned
 * @param ca          PEM CA bundle that client certificates must chain to, null = none
 * @param clientAuth  none, optional or required
 * @param selfSigned  generate a throwaway self-signed certificate at start (development only)
 */
public record TlsSettings(String certificate, String key, String ca, ClientAuth clientAuth, boolean selfSigned) {
}
