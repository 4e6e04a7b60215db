package io.sbc.signaling.cdr;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The CDR journal on a real Chronicle Queue in a temporary directory. */
class CdrJournalTest {

    static CdrRecord record(int i, long start) {
        return new CdrRecord("sbc-" + i, "in-" + i + "@pbx", "out-" + i, "pbx", "ip-pbx", "carrier", "carrier-a",
                "+15551230000", "+1555987" + String.format("%04d", i), start, start + 2_000, start + 62_000, 200,
                CdrRecord.EndedBy.CALLER_BYE, "BYE", List.of("PCMU", "telephone-event"), i % 2 == 0,
                new CdrRecord.MediaFigures(3000, 3, 1.25, 4.31), new CdrRecord.MediaFigures(2990, 0, 0.5, 4.4));
    }

    @Test
    void readsBackEveryRecordExactlyAsWrittenInOrder(@TempDir Path dir) throws Exception {
        List<CdrRecord> written = new ArrayList<>();
        try (CdrJournal j = CdrJournal.open(dir, Duration.ofDays(30))) {
            for (int i = 0; i < 500; i++) {
                CdrRecord r = record(i, 1_700_000_000_000L + i);
                written.add(r);
                assertTrue(j.submit(r));
            }
        }
        List<CdrRecord> read = new ArrayList<>();
        assertEquals(500, CdrReader.read(dir, Long.MIN_VALUE, Long.MAX_VALUE, read::add));
        assertEquals(written, read);
    }

    @Test
    void selectsBySinceInclusiveAndUntilExclusive(@TempDir Path dir) throws Exception {
        try (CdrJournal j = CdrJournal.open(dir, Duration.ofDays(30))) {
            for (int i = 0; i < 10; i++) {
                j.submit(record(i, 1000L * i));
            }
        }
        List<String> ids = new ArrayList<>();
        CdrReader.read(dir, 3000, 6000, r -> ids.add(r.sbcCallId()));
        assertEquals(List.of("sbc-3", "sbc-4", "sbc-5"), ids);
    }

    @Test
    void countsARecordSubmittedAfterCloseAsDropped(@TempDir Path dir) throws Exception {
        CdrJournal j = CdrJournal.open(dir, Duration.ofDays(1));
        j.close();
        assertFalse(j.submit(record(1, 1)));
        assertEquals(1, j.dropped());
    }

    @Test
    void csvHasAHeaderAndQuotesFieldsWithCommasAndQuotes() {
        CdrRecord r = new CdrRecord("id", "a", "b", "pbx", "", "carrier", "t", "Doe, \"J\"", "100", 0, 0, 5000, 487,
                CdrRecord.EndedBy.CALLER_CANCEL, "487 Request Terminated", List.of(), false, null, null);
        String line = CdrFormat.csv(r);
        assertEquals(CdrFormat.COLUMNS.length, CdrFormat.csvHeader().split(",").length);
        assertTrue(line.contains(",\"Doe, \"\"J\"\"\","), line);
        assertTrue(line.contains(",caller_cancel,"), line);
    }

    @Test
    void jsonLineIsOneObjectWithNullAnswerForUnansweredCalls() {
        CdrRecord r = new CdrRecord("id", "a", "", "pbx", "", "", "", "x\ny", "100", 1000, 0, 5000, 404,
                CdrRecord.EndedBy.NO_ROUTE, "404 No Route", List.of(), false, null, null);
        String json = CdrFormat.json(r);
        assertTrue(json.startsWith("{\"sbc_call_id\":\"id\""), json);
        assertTrue(json.contains("\"answer\":null"), json);
        assertTrue(json.contains("\"caller\":\"x\\ny\""), json);
        assertTrue(json.contains("\"final_status\":404"), json);
        assertFalse(json.contains("\n"), "a JSON line must be one line");
    }

    @Test
    void parsesInstantsDatesAndAges() {
        Instant now = Instant.parse("2026-11-21T12:00:00Z");
        assertEquals(Instant.parse("2026-11-21T08:00:00Z").toEpochMilli(), CdrCommand.parseTime("2026-11-21T08:00:00Z", now));
        assertEquals(Instant.parse("2026-11-20T00:00:00Z").toEpochMilli(), CdrCommand.parseTime("2026-11-20", now));
        assertEquals(Instant.parse("2026-11-20T12:00:00Z").toEpochMilli(), CdrCommand.parseTime("24h", now));
        assertEquals(Instant.parse("2026-11-14T12:00:00Z").toEpochMilli(), CdrCommand.parseTime("7d", now));
        assertThrows(IllegalArgumentException.class, () -> CdrCommand.parseTime("yesterday", now));
    }
}
