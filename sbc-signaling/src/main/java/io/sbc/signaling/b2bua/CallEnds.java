package io.sbc.signaling.b2bua;

import io.sbc.signaling.cdr.CdrRecord;
import io.sbc.signaling.cdr.CdrRecord.EndedBy;
import io.sbc.signaling.cdr.CdrRecord.MediaFigures;
import io.sbc.signaling.mediactl.MediaCommands;
import io.sbc.signaling.mediactl.NgReply;
import io.sbc.signaling.mediactl.ReceivedMedia;
import io.sbc.signaling.message.SipRequest;
import io.sbc.signaling.transaction.SipTokens;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The end of every call attempt (issue #7: "every call attempt ends in one call detail record"):
 * builds the {@link CdrRecord} and counts the outcome per trunk. Calls that held a table slot end
 * here once, from {@link CallLegs#end} (guarded by {@link Call#recorded}); attempts refused before
 * a call existed (483, full table, reject route, no route, admission, draining) end here from
 * {@link B2bua}. For anchored calls the relay's {@code delete} reply carries the final per-stream
 * statistics (rtpengine's query layout), so the record waits for that reply — off the loop, the
 * continuation hops back — and is written with empty media figures when the relay does not answer.
 *
 * <p>Owner: the worker's event loop, like {@link B2bua}.
 */
final class CallEnds {
    private static final Logger LOG = LoggerFactory.getLogger(CallEnds.class);
    private final B2bua b2bua;
    private final CallRecords records;

    CallEnds(B2bua b2bua) {
        this.b2bua = b2bua;
        this.records = b2bua.ctx.counters().records();
    }

    /** The INVITE left on B (or got its final answer on A): observes the processing time once. */
    void forwarded(Call c) {
        if (!c.inviteTimed) {
            c.inviteTimed = true;
            records.inviteProcessed(System.nanoTime() - c.startedNanos);
        }
    }

    /** A call took a table slot. */
    void started(Call c) {
        records.trunk(c.admittedTrunk).active.increment();
    }

    /** An INVITE refused before a call was created: its record, at once. */
    void refused(SipEndpoint ep, SipRequest invite, CallPlan plan, String destTrunk, EndedBy by, int code,
            String reason, long arrivedNanos) {
        records.inviteProcessed(System.nanoTime() - arrivedNanos);
        long now = System.currentTimeMillis();
        MessageDraft in = plan != null ? plan.inbound() : MessageDraft.of(invite);
        String source = plan == null || plan.sourceTrunk() == null ? "" : plan.sourceTrunk().name();
        String destRealm = "";
        if (plan != null && !plan.attempts().isEmpty()) {
            destRealm = plan.attempts().get(0).trunk().realm();
        }
        CdrRecord r = new CdrRecord(SipTokens.newTag() + SipTokens.newTag(), invite.callId(), "", ep.realm(), source,
                destRealm, destTrunk, in.fromUser(), in.ruriUser(), now, 0, now, code, by,
                code + " " + reason, List.of(), false, null, null);
        CallRecords.Result result = switch (by) {
            case NO_ROUTE -> CallRecords.Result.NO_ROUTE;
            case REJECTED -> CallRecords.Result.REJECTED;
            case ADMISSION_REFUSED, DRAIN -> CallRecords.Result.REFUSED;
            default -> CallRecords.Result.FAILED;
        };
        records.emit(r, destTrunk == null || destTrunk.isEmpty() ? source : destTrunk, result);
    }

    /** A call in the table ended (called once, from {@link CallLegs#end}): frees relay ports and records it. */
    void ended(Call c) {
        if (c.recorded) {
            return;
        }
        c.recorded = true;
        forwarded(c);
        records.trunk(c.admittedTrunk).active.decrement();
        long end = System.currentTimeMillis();
        if (c.anchored && b2bua.ctx.media() != null) {
            records.pendingAdded();
            b2bua.ctx.media().send(MediaCommands.delete(c.mediaId))
                    .handle((reply, error) -> reply)
                    .thenAcceptAsync(reply -> {
                        records.pendingDone();
                        emit(c, end, reply);
                    }, b2bua.loop)
                    .exceptionally(e -> {
                        Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null
                                ? e.getCause() : e;
                        if (!(cause instanceof java.util.concurrent.RejectedExecutionException)) {
                            LOG.warn("CDR of call {} not written: {}", c.mediaId, cause.toString());
                            return null;
                        }
                        // the loop is gone (shutdown): write the record from here rather than lose it
                        LOG.debug("CDR written off the loop: {}", e.toString());
                        records.pendingDone();
                        emit(c, end, null);
                        return null;
                    });
        } else {
            emit(c, end, null);
        }
    }

    private void emit(Call c, long end, NgReply deleteReply) {
        int status = c.aTx.lastStatusCode() >= 200 ? c.aTx.lastStatusCode() : 0;
        EndedBy by = c.endedBy != null ? c.endedBy : EndedBy.ERROR;
        String reason = c.endReason != null ? c.endReason : "";
        if (status == 0) {
            status = c.answerMillis > 0 ? 200 : 500;
        }
        Map<?, ?> dict = deleteReply != null && deleteReply.ok() ? deleteReply.dict() : null;
        MediaFigures forward = SdpFacts.figures(dict, c.aMediaTag);
        MediaFigures reverse = SdpFacts.figures(dict, c.bMediaTag);
        boolean srtp = SdpFacts.srtp(c.answerSdp) || c.offeredSrtp()
                || SdpFacts.hasCrypto(dict);
        String destTrunk = c.attempt == null ? c.admittedTrunk : c.attempt.trunk().name();
        String destRealm = c.attempt == null ? "" : c.attempt.trunk().realm();
        boolean placed = c.attemptIndex >= 0 && c.bEndpoint != null;
        CdrRecord r = new CdrRecord(c.mediaId, c.aCallId, placed ? c.bCallId : "", c.aEndpoint.realm(),
                c.sourceTrunk == null ? "" : c.sourceTrunk.name(), destRealm, destTrunk, c.caller,
                c.callee, c.startMillis, c.answerMillis, end, status, by, reason,
                SdpFacts.codecs(c.answerSdp.length > 0 ? c.answerSdp : c.offerSdp()), srtp, forward,
                reverse);
        records.emit(r, destTrunk, result(c, by));
    }

    static CallRecords.Result result(Call c, EndedBy by) {
        if (c.answerMillis > 0) {
            return CallRecords.Result.ANSWERED;
        }
        return switch (by) {
            case CALLER_CANCEL -> CallRecords.Result.CANCELLED;
            case REJECTED, NO_ANSWER -> CallRecords.Result.REJECTED;
            case NO_ROUTE -> CallRecords.Result.NO_ROUTE;
            case ADMISSION_REFUSED -> CallRecords.Result.REFUSED;
            default -> CallRecords.Result.FAILED;
        };
    }

    /** SDP facts for the CDR (codecs, SRTP) and media figures from an ng query/delete reply. */
    static final class SdpFacts {
        private SdpFacts() {
        }

        /** Encoding names of the first m= line's payload types, in SDP order (static types by RFC 3551 §6). */
        static List<String> codecs(byte[] sdp) {
            List<String> out = new ArrayList<>();
            if (sdp == null || sdp.length == 0) {
                return out;
            }
            String[] lines = new String(sdp, StandardCharsets.ISO_8859_1).split("\n");
            List<String> pts = new ArrayList<>();
            for (String raw : lines) {
                String line = raw.trim();
                if (line.startsWith("m=")) {
                    if (!pts.isEmpty()) {
                        break;
                    }
                    String[] parts = line.substring(2).split(" ");
                    for (int i = 3; i < parts.length; i++) {
                        pts.add(parts[i]);
                    }
                }
            }
            if (pts.isEmpty()) {
                return out;
            }
            // One pass over the a=rtpmap lines (the first per payload type wins) instead of a scan of
            // every line per payload type: this runs on the event loop for every call's CDR.
            Map<String, String> rtpmap = new HashMap<>();
            for (String raw : lines) {
                String line = raw.trim();
                if (line.startsWith("a=rtpmap:")) {
                    int space = line.indexOf(' ', 9);
                    if (space >= 9) {
                        String enc = line.substring(space + 1);
                        int slash = enc.indexOf('/');
                        rtpmap.putIfAbsent(line.substring(9, space), slash > 0 ? enc.substring(0, slash) : enc);
                    }
                }
            }
            for (String pt : pts) {
                String name = rtpmap.get(pt);
                if (name == null) {
                    name = switch (pt) {
                        case "0" -> "PCMU";
                        case "8" -> "PCMA";
                        case "9" -> "G722";
                        case "18" -> "G729";
                        default -> pt;
                    };
                }
                if (out.size() < 16) {
                    out.add(name);
                }
            }
            return out;
        }

        static boolean srtp(byte[] sdp) {
            if (sdp == null || sdp.length == 0) {
                return false;
            }
            return contains(sdp, SAVP) || contains(sdp, CRYPTO);
        }

        private static final byte[] SAVP = "RTP/SAVP".getBytes(StandardCharsets.US_ASCII);
        private static final byte[] CRYPTO = "a=crypto:".getBytes(StandardCharsets.US_ASCII);

        private static boolean contains(byte[] haystack, byte[] needle) {
            outer:
            for (int i = 0; i + needle.length <= haystack.length; i++) {
                for (int j = 0; j < needle.length; j++) {
                    if (haystack[i + j] != needle[j]) {
                        continue outer;
                    }
                }
                return true;
            }
            return false;
        }

        static boolean hasCrypto(Object node) {
            if (node instanceof Map<?, ?> m) {
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    if ("crypto suite".equals(e.getKey()) || hasCrypto(e.getValue())) {
                        return true;
                    }
                }
            } else if (node instanceof List<?> l) {
                for (Object o : l) {
                    if (hasCrypto(o)) {
                        return true;
                    }
                }
            }
            return false;
        }

        /**
         * Media received from the side of {@code tag} ({@link ReceivedMedia}: packets, RFC 3550 loss,
         * jitter, and the relay's MOS); when the relay reports no MOS, one estimated from loss alone.
         */
        static MediaFigures figures(Map<?, ?> reply, String tag) {
            ReceivedMedia m = ReceivedMedia.of(reply, tag);
            if (m == null) {
                return MediaFigures.NONE;
            }
            double mos = m.mos() > 0 ? m.mos() : mos(100.0 * m.lost() / Math.max(1, m.packets() + m.lost()));
            return new MediaFigures(m.packets(), m.lost(), m.jitterMs(), mos);
        }

        /**
         * A MOS estimate from packet loss alone (ITU-T G.107 E-model with G.711's Ie=0, Bpl=25.1,
         * default delay): R = 93.2 - Ie,eff; MOS = 1 + 0.035 R + 7e-6 R (R - 60) (100 - R).
         */
        static double mos(double lossPct) {
            double ieEff = 95 * lossPct / (lossPct + 25.1);
            double r = 93.2 - ieEff;
            double m = 1 + 0.035 * r + 7e-6 * r * (r - 60) * (100 - r);
            return Math.round(Math.max(1, Math.min(4.5, m)) * 100) / 100.0;
        }
    }
}
