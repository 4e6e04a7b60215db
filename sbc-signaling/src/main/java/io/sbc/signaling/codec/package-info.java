/**
 * SIP codec: parses one complete message from bytes and encodes messages back (RFC 3261 §7, §18.3,
 * §19, §20, §25; RFC 4475 and RFC 5118 torture tests).
 *
 * <p>Entry points: {@link io.sbc.signaling.codec.SipParser#parse(byte[], int, int)} (one parser per
 * event loop; never throws for any input), {@link io.sbc.signaling.codec.SipSerializer} (stateless),
 * {@link io.sbc.signaling.codec.ParseCommand} ({@code ops/sbc parse}). Limits are a
 * {@link io.sbc.signaling.codec.SipParserLimits} record with documented defaults.
 *
 * <p>Design (style.md §3 "Parse lazily and keep bytes"): the parser frames the start line and every
 * header as offsets in one {@code int[]} ({@link io.sbc.signaling.message.FrameLayout}), identifies
 * names through {@link io.sbc.signaling.codec.HeaderName}'s precomputed table, classifies bytes
 * with {@link io.sbc.signaling.codec.ByteClass}'s 256-entry tables, and validates only the core
 * headers with the allocation-free {@link io.sbc.signaling.codec.SipGrammar}. No regex, no String per
 * header, no exception for malformed input: a {@link io.sbc.signaling.codec.ParseError} with a reason,
 * an offset and, for answerable requests, the partially parsed request.
 */
package io.sbc.signaling.codec;
