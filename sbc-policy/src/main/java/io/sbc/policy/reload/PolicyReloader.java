package io.sbc.policy.reload;

import io.sbc.policy.PolicyHolder;
import io.sbc.policy.PolicySnapshot;
import io.sbc.policy.load.LoadResult;
import io.sbc.policy.load.PolicyLoader;
import io.sbc.policy.load.Problem;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Validate, then swap: loads the policy file again and, only if it is valid, installs it in the
 * {@link PolicyHolder} and tells the listeners. An invalid file leaves the running policy in place
 * and logs every problem. Counts {@code sbc_policy_reloads_total{result=ok|error}} (read by the
 * metrics registry through {@link #reloadsOk()} / {@link #reloadsFailed()}).
 *
 * <p>Callers: the file watcher thread, the SIGHUP handler and POST /api/reload. Reloads are
 * serialized ({@code synchronized}): this is the control path, never the message path.
 */
public final class PolicyReloader {
    private static final Logger LOG = System.getLogger(PolicyReloader.class.getName());

    private final Path file;
    private final PolicyLoader loader;
    private final PolicyHolder holder;
    private final List<ReloadListener> listeners = new CopyOnWriteArrayList<>();
    private final AtomicLong ok = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    public PolicyReloader(Path file, PolicyLoader loader, PolicyHolder holder) {
        this.file = file;
        this.loader = loader;
        this.holder = holder;
    }

    public void addListener(ReloadListener l) {
        listeners.add(l);
    }

    public Path file() {
        return file;
    }

    public synchronized ReloadOutcome reload() {
        LoadResult r = loader.load(file);
        if (!r.ok()) {
            failed.incrementAndGet();
            LOG.log(Level.WARNING, "policy reload rejected, " + r.problems().size()
                    + " problem(s); the running policy stays in place");
            for (Problem p : r.problems()) {
                LOG.log(Level.WARNING, p.toString());
            }
            return new ReloadOutcome(false, holder.current(), r.problems());
        }
        PolicySnapshot next = r.snapshot();
        PolicySnapshot previous = holder.swap(next);
        ok.incrementAndGet();
        LOG.log(Level.INFO, "policy reloaded: " + next);
        for (ReloadListener l : listeners) {
            try {
                l.reloaded(previous, next);
            } catch (RuntimeException e) {
                // A failing listener must not stop the others; the new policy is already running.
                LOG.log(Level.ERROR, "reload listener failed: " + e.getClass().getName() + ": " + e.getMessage());
            }
        }
        return new ReloadOutcome(true, next, List.of());
    }

    public long reloadsOk() {
        return ok.get();
    }

    public long reloadsFailed() {
        return failed.get();
    }
}
