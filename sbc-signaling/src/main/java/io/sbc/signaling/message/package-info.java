/**
 * SIP messages over their original bytes, and the header value types (RFC 3261 §19, §20).
 *
 * <p>{@link io.sbc.signaling.message.SipMessage} keeps the received {@code byte[]} and a frame of
 * offsets; core header objects ({@link io.sbc.signaling.message.Via},
 * {@link io.sbc.signaling.message.NameAddr}, {@link io.sbc.signaling.message.CSeq}, URIs) are built on
 * first access and cached; other headers stay byte slices. Mutations write new lines into a small
 * per-message arena, so encoding copies every untouched line byte-for-byte.
 *
 * <p>Ownership: a message is owned by the event loop that handles its call (single writer, no
 * locks). Value types (Via, NameAddr, SipUri, TelUri, GenericUri, Params, CSeq, HeaderField,
 * BodyPart) are immutable and may be shared.
 */
package io.sbc.signaling.message;
