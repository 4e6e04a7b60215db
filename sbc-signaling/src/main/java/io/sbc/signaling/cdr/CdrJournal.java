package io.sbc.signaling.cdr;

import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import net.openhft.chronicle.wire.WireOut;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;

/**
 * The CDR journal: a Chronicle Queue on disk, one file per day (FAST_DAILY), written by one
 * {@code cdr-writer} thread so the event loops only hand a record over (a non-blocking, lock-free offer
 * into a bounded queue). The writer is not woken per record: it drains the queue, then sleeps
 * {@link #WRITER_IDLE} (issue #5: with a blocking queue every call's record took the queue's lock and
 * a futex wake-up on the signaling event loop, and the woken writer competed with that loop for the
 * CPU, about 1,100 wake-ups a second at 1,440 calls/s). A record is appended within about that
 * interval. Every appended record survives a crash of the process (the queue is memory-mapped:
 * the page cache keeps it; a SIGKILL loses nothing that was appended). Cycle files older than the
 * retention are deleted by the writer thread once an hour.
 *
 * <p>Owner: the writer thread owns the appender; {@link #submit} is safe from any thread.
 */
public final class CdrJournal implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CdrJournal.class);
    static final int QUEUE_CAPACITY = 65_536;
    /**
     * How long the writer sleeps when it found nothing to write: bounds how late a record is
     * appended, and sets the writer's idle wake-ups (100 a second), whatever the call rate.
     */
    static final Duration WRITER_IDLE = Duration.ofMillis(10);

    private final Path directory;
    private final Duration retention;
    /** Records handed over and not yet appended; {@link #pendingCount} bounds it to QUEUE_CAPACITY. */
    private final ConcurrentLinkedQueue<CdrRecord> pending = new ConcurrentLinkedQueue<>();
    private final AtomicInteger pendingCount = new AtomicInteger();
    private final ChronicleQueue queue;
    private final Thread writer;
    private final LongAdder written = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private volatile boolean closing;

    private CdrJournal(Path directory, Duration retention) {
        this.directory = directory;
        this.retention = retention;
        this.queue = SingleChronicleQueueBuilder.single(directory.toFile()).rollCycle(RollCycles.FAST_DAILY).build();
        this.writer = new Thread(this::writeLoop, "cdr-writer");
        this.writer.setDaemon(false);
    }

    /** Opens (creating if needed) the journal in {@code directory} and starts its writer thread. */
    public static CdrJournal open(Path directory, Duration retention) throws IOException {
        Files.createDirectories(directory);
        CdrJournal j = new CdrJournal(directory, retention);
        j.writer.start();
        LOG.info("CDR journal in {} (daily files, retention {})", directory.toAbsolutePath(), retention);
        return j;
    }

    /**
     * Hands a record to the writer. Never blocks: when the writer is 65,536 records behind (the disk
     * stalled), the record is dropped, counted and logged — an event loop must never wait on disk.
     */
    public boolean submit(CdrRecord record) {
        boolean full = false;
        if (!closing) {
            if (pendingCount.incrementAndGet() <= QUEUE_CAPACITY) {
                pending.offer(record);
                return true;
            }
            pendingCount.decrementAndGet();
            full = true;
        }
        dropped.increment();
        LOG.error("CDR dropped (journal {}): {}", full ? "queue full" : "closed", record.sbcCallId());
        return false;
    }

    public long written() {
        return written.sum();
    }

    public long dropped() {
        return dropped.sum();
    }

    public long failed() {
        return failed.sum();
    }

    private void writeLoop() {
        long nextSweep = 0;
        try (ExcerptAppender appender = queue.createAppender()) {
            while (true) {
                // Read before draining: a record submitted before close() set it is drained below.
                boolean stop = closing;
                CdrRecord r;
                while ((r = pending.poll()) != null) {
                    pendingCount.decrementAndGet();
                    append(appender, r);
                }
                if (stop) {
                    break;
                }
                LockSupport.parkNanos(this, WRITER_IDLE.toNanos());
                long now = System.currentTimeMillis();
                if (now >= nextSweep) {
                    sweep(now);
                    nextSweep = now + TimeUnit.HOURS.toMillis(1);
                }
            }
        }
    }

    private void append(ExcerptAppender appender, CdrRecord r) {
        try (DocumentContext dc = appender.writingDocument()) {
            write(dc.wire(), r);
        } catch (RuntimeException e) {
            failed.increment();
            LOG.error("CDR {} not written: {}", r.sbcCallId(), e.toString());
            return;
        }
        written.increment();
    }

    static void write(WireOut w, CdrRecord r) {
        w.write("v").int32(1);
        w.write("sbcCallId").text(r.sbcCallId());
        w.write("inboundCallId").text(r.inboundCallId());
        w.write("outboundCallId").text(r.outboundCallId());
        w.write("sourceRealm").text(r.sourceRealm());
        w.write("sourceTrunk").text(r.sourceTrunk());
        w.write("destRealm").text(r.destRealm());
        w.write("destTrunk").text(r.destTrunk());
        w.write("caller").text(r.caller());
        w.write("callee").text(r.callee());
        w.write("start").int64(r.startMillis());
        w.write("answer").int64(r.answerMillis());
        w.write("end").int64(r.endMillis());
        w.write("status").int32(r.finalStatus());
        w.write("endedBy").text(r.endedBy().name());
        w.write("endReason").text(r.endReason());
        w.write("codecs").text(String.join(" ", r.codecs()));
        w.write("srtp").bool(r.srtp());
        writeMedia(w, "fwd", r.forward());
        writeMedia(w, "rev", r.reverse());
    }

    private static void writeMedia(WireOut w, String p, CdrRecord.MediaFigures m) {
        w.write(p + "Packets").int64(m.packets());
        w.write(p + "Lost").int64(m.lost());
        w.write(p + "JitterMs").float64(m.jitterMs());
        w.write(p + "Mos").float64(m.mos());
    }

    /** Deletes daily cycle files last written before now − retention (never the current one). */
    private void sweep(long now) {
        long cutoff = now - retention.toMillis();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                String n = f.getFileName().toString();
                if (n.endsWith(".cq4") && Files.getLastModifiedTime(f).toMillis() < cutoff) {
                    Files.deleteIfExists(f);
                    LOG.info("CDR retention: deleted {}", n);
                }
            }
        } catch (IOException e) {
            LOG.warn("CDR retention sweep failed: {}", e.toString());
        }
    }

    /** Writes what is pending, then stops the writer and closes the queue. */
    @Override
    public void close() {
        closing = true;
        LockSupport.unpark(writer);
        try {
            writer.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // A submit racing with close() may have queued after the writer's last drain: not written.
        while (pending.poll() != null) {
            pendingCount.decrementAndGet();
            dropped.increment();
        }
        queue.close();
        LOG.info("CDR journal closed: {} written, {} dropped, {} failed", written(), dropped(), failed());
    }
}
