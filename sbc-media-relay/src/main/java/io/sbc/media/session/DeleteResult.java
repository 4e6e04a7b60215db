package io.sbc.media.session;

/**
 * Result of a delete.
 *
 * @param found   whether call and tags matched
 * @param call    the call as it was (for statistics in the reply), or null
 * @param delayed whether removal was scheduled for later ({@code delete delay})
 */
public record DeleteResult(boolean found, Call call, boolean delayed) {
}
