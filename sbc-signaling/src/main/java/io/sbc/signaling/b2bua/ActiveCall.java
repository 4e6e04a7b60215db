package io.sbc.signaling.b2bua;

import io.sbc.policy.model.Trunk;

import java.util.Locale;

/**
 * A copy of one call in a worker's table, for the admin API ({@code GET /api/calls}) and the status
 * page. Immutable: made on the call's owner loop by {@link B2bua#snapshot(int)}, then read anywhere.
 * The names follow the call detail record ({@link io.sbc.signaling.cdr.CdrRecord}).
 *
 * @param sbcCallId      the SBC's id of the call (the CDR's {@code sbc_call_id})
 * @param inboundCallId  Call-ID of leg A (caller side)
 * @param outboundCallId Call-ID of leg B (callee side)
 * @param sourceRealm    realm the INVITE arrived on
 * @param sourceTrunk    trunk the caller was recognised as, "" when none
 * @param destRealm      realm of the trunk the call goes to
 * @param destTrunk      trunk the call goes to (the current routing attempt)
 * @param caller         calling user, after number normalization
 * @param callee         called user, after number normalization
 * @param state          the B2BUA state in lower case: routing, calling, early, answered, confirmed
 * @param startMillis    when the INVITE arrived (epoch ms)
 * @param answerMillis   when the callee answered (epoch ms), 0 before
 * @param mediaMode      "anchor" (media through the relay) or "bypass" (media end to end)
 */
public record ActiveCall(String sbcCallId, String inboundCallId, String outboundCallId, String sourceRealm,
        String sourceTrunk, String destRealm, String destTrunk, String caller, String callee, String state,
        long startMillis, long answerMillis, String mediaMode) {

    /** Reads {@code c}; must run on {@code c}'s owner loop. */
    static ActiveCall of(Call c) {
        Trunk dest = c.attempt != null ? c.attempt.trunk() : c.attempts.isEmpty() ? null : c.attempts.get(0).trunk();
        return new ActiveCall(c.mediaId, c.aCallId, c.bCallId == null ? "" : c.bCallId, c.aEndpoint.realm(),
                c.sourceTrunk == null ? "" : c.sourceTrunk.name(), dest == null ? "" : dest.realm(),
                dest == null ? "" : dest.name(), nz(c.caller), nz(c.callee),
                c.state.name().toLowerCase(Locale.ROOT), c.startMillis, c.answerMillis,
                c.anchored ? "anchor" : "bypass");
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
