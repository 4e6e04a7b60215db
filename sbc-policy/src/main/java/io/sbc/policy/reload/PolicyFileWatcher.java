package io.sbc.policy.reload;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Reloads the policy when its file changes. Watches the file's directory (not the file) so that
 * editors which write a temporary file and rename it over the original (vim, sed -i, most config
 * management) are seen as well as in-place writes. Events are debounced: a reload runs once the
 * file has been quiet for {@code debounce}, so a save in several writes reloads once.
 *
 * <p>Owns one daemon thread, {@code policy-watcher}; {@link #close()} stops it.
 */
public final class PolicyFileWatcher implements AutoCloseable {
    private static final Logger LOG = System.getLogger(PolicyFileWatcher.class.getName());
    public static final Duration DEFAULT_DEBOUNCE = Duration.ofMillis(300);

    private final PolicyReloader reloader;
    private final Path fileName;
    private final WatchService watch;
    private final long debounceMs;
    private final Thread thread;
    private volatile boolean running = true;

    public PolicyFileWatcher(PolicyReloader reloader, Duration debounce) throws IOException {
        this.reloader = reloader;
        Path file = reloader.file().toAbsolutePath();
        this.fileName = file.getFileName();
        this.debounceMs = Math.max(1, debounce.toMillis());
        this.watch = FileSystems.getDefault().newWatchService();
        file.getParent().register(watch, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                StandardWatchEventKinds.ENTRY_DELETE);
        this.thread = new Thread(this::run, "policy-watcher");
        thread.setDaemon(true);
    }

    public PolicyFileWatcher start() {
        thread.start();
        return this;
    }

    private void run() {
        boolean pending = false;
        while (running) {
            try {
                WatchKey key = pending ? watch.poll(debounceMs, TimeUnit.MILLISECONDS) : watch.take();
                if (key == null) {
                    // Quiet for the debounce period after a change: reload once.
                    pending = false;
                    reloader.reload();
                    continue;
                }
                for (WatchEvent<?> e : key.pollEvents()) {
                    if (e.kind() == StandardWatchEventKinds.OVERFLOW || fileName.equals(e.context())) {
                        // A delete alone (mid-rename) also counts: the create that follows restarts the wait.
                        pending = true;
                    }
                }
                if (!key.reset()) {
                    LOG.log(Level.ERROR, "policy directory is no longer watchable; automatic reload stopped");
                    return;
                }
            } catch (InterruptedException | ClosedWatchServiceException e) {
                return;
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, "policy watcher: " + e.getClass().getName() + ": " + e.getMessage());
            }
        }
    }

    @Override
    public void close() throws IOException {
        running = false;
        watch.close();
        thread.interrupt();
    }
}
