package io.sbc.signaling.cdr;

import java.nio.file.Path;
import java.time.Duration;

/**
 * A child process for {@link CdrCrashIT}: appends N records, says so on stdout once the writer has
 * appended them all, then waits to be killed (it never closes the journal).
 */
public final class CdrWriterChild {
    private CdrWriterChild() {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int n = Integer.parseInt(args[1]);
        CdrJournal j = CdrJournal.open(dir, Duration.ofDays(30));
        for (int i = 0; i < n; i++) {
            while (!j.submit(CdrJournalTest.record(i, System.currentTimeMillis()))) {
                Thread.sleep(1);
            }
        }
        while (j.written() < n) {
            Thread.sleep(1);
        }
        System.out.println("written " + n);
        System.out.flush();
        Thread.sleep(60_000);
    }
}
