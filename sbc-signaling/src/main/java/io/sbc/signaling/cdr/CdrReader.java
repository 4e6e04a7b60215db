package io.sbc.signaling.cdr;

import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import net.openhft.chronicle.wire.WireIn;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/** Reads a CDR journal from the start, in write order; used by {@code ops/sbc cdr} and tests. */
public final class CdrReader {
    private CdrReader() {}

    /**
     * Visits every record whose start time is in [{@code sinceMillis}, {@code untilMillis}).
     *
     * @return the number of records visited
     */
    public static long read(Path directory, long sinceMillis, long untilMillis, Consumer<CdrRecord> visitor) {
        if (!Files.isDirectory(directory)) {
            return 0;
        }
        long n = 0;
        try (ChronicleQueue queue = SingleChronicleQueueBuilder.single(directory.toFile())
                .rollCycle(RollCycles.FAST_DAILY).readOnly(true).build();
             ExcerptTailer tailer = queue.createTailer()) {
            while (true) {
                try (DocumentContext dc = tailer.readingDocument()) {
                    if (!dc.isPresent()) {
                        break;
                    }
                    CdrRecord r = read(dc.wire());
                    if (r.startMillis() >= sinceMillis && r.startMillis() < untilMillis) {
                        visitor.accept(r);
                        n++;
                    }
                }
            }
        }
        return n;
    }

    static CdrRecord read(WireIn w) {
        w.read("v").int32();
        String sbcCallId = w.read("sbcCallId").text();
        String inbound = w.read("inboundCallId").text();
        String outbound = w.read("outboundCallId").text();
        String sourceRealm = w.read("sourceRealm").text();
        String sourceTrunk = w.read("sourceTrunk").text();
        String destRealm = w.read("destRealm").text();
        String destTrunk = w.read("destTrunk").text();
        String caller = w.read("caller").text();
        String callee = w.read("callee").text();
        long start = w.read("start").int64();
        long answer = w.read("answer").int64();
        long end = w.read("end").int64();
        int status = w.read("status").int32();
        CdrRecord.EndedBy endedBy = endedBy(w.read("endedBy").text());
        String endReason = w.read("endReason").text();
        String codecs = w.read("codecs").text();
        boolean srtp = w.read("srtp").bool();
        CdrRecord.MediaFigures fwd = media(w, "fwd");
        CdrRecord.MediaFigures rev = media(w, "rev");
        List<String> codecList = codecs == null || codecs.isBlank() ? List.of() : Arrays.asList(codecs.split(" "));
        return new CdrRecord(sbcCallId, inbound, outbound, sourceRealm, sourceTrunk, destRealm, destTrunk, caller,
                callee, start, answer, end, status, endedBy, endReason, codecList, srtp, fwd, rev);
    }

    private static CdrRecord.EndedBy endedBy(String s) {
        try {
            return CdrRecord.EndedBy.valueOf(s);
        } catch (IllegalArgumentException | NullPointerException e) {
            return CdrRecord.EndedBy.ERROR;
        }
    }

    private static CdrRecord.MediaFigures media(WireIn w, String p) {
        return new CdrRecord.MediaFigures(w.read(p + "Packets").int64(), w.read(p + "Lost").int64(),
                w.read(p + "JitterMs").float64(), w.read(p + "Mos").float64());
    }
}
