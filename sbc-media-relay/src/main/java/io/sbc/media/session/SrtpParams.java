package io.sbc.media.session;

/**
 * SDES keying for one direction of one stream (RFC 4568): the crypto suite name and the key-params
 * string as written in a=crypto (e.g. {@code inline:<base64 key||salt>}). The SRTP layer derives
 * session keys from it.
 */
public record SrtpParams(String suite, String keyParams) {
}
