package fazt.runtime.engine;

import fazt.platform.nats.ProblemException;
import fazt.proto.problem.Problem;
import fazt.runtime.config.RuntimeConfig;
import fazt.runtime.limits.IdleContexts;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Warm contexts per app version (at most {@code poolPerVersion} idle each), the bound on all contexts of the
 * instance ({@code maxContexts}, busy and idle), on those busy at once ({@code maxInvocations}) and on those one app
 * may keep busy (all but a share kept free for other apps, a quarter of {@code maxInvocations} by default, ADR 0034:
 * one app flooding a slow endpoint cannot take them all; its further requests wait up to {@link #SLOT_WAIT_MILLIS},
 * then get 429 {@code runtime/app-busy}). A context serves one invocation at a time: {@link #acquire} hands out
 * an idle one or a permit to create one (a cold start), {@link #release} takes it back. An app's contexts are dropped
 * when it changes ({@link #dropApp}: deployed, rolled back, deleted, env changed): idle ones at once, busy ones when
 * they come back. Contexts idle longer than {@code idleTimeout} are closed by {@link #evictIdle}.
 */
final class ContextPool implements IdleContexts {
    /** How long a request waits for a free slot when every context of the instance is busy. */
    static final long SLOT_WAIT_MILLIS = 2_000;
    /**
     * How long a request waits for one of its version's contexts when the version already has
     * {@code poolPerVersion} of them busy, before it creates one more (a cold start). Under load this turns a stream
     * of cold starts into short queueing on warm contexts: each serves a request in milliseconds.
     */
    static final long WARM_WAIT_MILLIS = 250;

    /**
     * A context whose invocations allocated more than this many memory budgets in all is closed when it comes back
     * instead of kept warm (ADR 0034): what an app keeps in {@code globalThis} across requests stays bounded, at the
     * price of a cold start now and then for a busy app (its garbage counts too).
     */
    static final int RECYCLE_BUDGETS = 2;

    private static final Logger log = LoggerFactory.getLogger(ContextPool.class);

    private final RuntimeConfig config;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition freed = lock.newCondition();
    private final Map<ContextKey, Deque<AppContext>> idle = new HashMap<>();
    private final Map<String, Long> generations = new HashMap<>();
    private final Map<ContextKey, Integer> busy = new HashMap<>();
    private final Map<String, Integer> busyByApp = new HashMap<>();
    private final int appShare;
    private int busyTotal;
    private int alive;

    ContextPool(RuntimeConfig config) {
        this.config = config;
        this.appShare = config.memoryPlan().appShare();
    }

    /**
     * An idle context of the version, or null with a slot reserved for the caller to create one (then
     * {@link #release} it, or {@link #abandon} the slot if creation failed). Fails with 503 when the instance stays
     * full.
     */
    AppContext acquire(ContextKey key) {
        List<AppContext> toClose = new ArrayList<>();
        lock.lock();
        try {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(SLOT_WAIT_MILLIS);
            long warmDeadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WARM_WAIT_MILLIS);
            while (true) {
                long left = deadline - System.nanoTime();
                if (overShare(key.appId())) {
                    if (left <= 0) {
                        throw new ProblemException(Problem.of(
                                429,
                                "runtime/app-busy",
                                "App busy",
                                "This app already runs " + busyByApp.get(key.appId())
                                        + " requests at once, all of the runtime's " + config.maxInvocations()
                                        + " but the share kept for other apps; try again shortly."));
                    }
                    freed.awaitNanos(left);
                    continue;
                }
                if (busyTotal >= config.maxInvocations()) {
                    if (left <= 0) {
                        throw overloaded();
                    }
                    freed.awaitNanos(left);
                    continue;
                }
                Deque<AppContext> warm = idle.get(key);
                if (warm != null && !warm.isEmpty()) {
                    take(key);
                    return warm.pollFirst();
                }
                long warmLeft = warmDeadline - System.nanoTime();
                if (busy.getOrDefault(key, 0) >= config.poolPerVersion() && warmLeft > 0) {
                    freed.awaitNanos(warmLeft);
                    continue;
                }
                if (alive < config.maxContexts()) {
                    alive++;
                    take(key);
                    return null;
                }
                AppContext victim = oldestIdle();
                if (victim != null) {
                    idle.get(victim.key()).remove(victim);
                    toClose.add(victim);
                    take(key);
                    return null; // the victim's slot passes to the caller
                }
                if (left <= 0) {
                    throw overloaded();
                }
                freed.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a context", e);
        } finally {
            lock.unlock();
            toClose.forEach(AppContext::close);
        }
    }

    /**
     * A slot to create a context of {@code key} ahead of its first request (ADR 37), only when that costs nobody
     * anything: the version has no context yet, busy or idle, and the instance has a free context and a free
     * invocation besides the share kept for other apps. Never waits. Then {@link #release} the context, or
     * {@link #abandon} the slot.
     */
    boolean reserveWarmup(ContextKey key) {
        lock.lock();
        try {
            Deque<AppContext> warm = idle.get(key);
            if ((warm != null && !warm.isEmpty())
                    || busy.containsKey(key)
                    || alive >= config.maxContexts()
                    || config.maxInvocations() - busyTotal <= appShare) {
                return false;
            }
            alive++;
            take(key);
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Whether the app must wait: it already runs its share, and one more would leave less than a share's worth of
     * invocations free for the other apps. Work-conserving: alone on the instance, an app may use all but that
     * reserve; beside others, a flooding app cannot take what they need.
     */
    private boolean overShare(String appId) {
        return busyByApp.getOrDefault(appId, 0) >= appShare && config.maxInvocations() - busyTotal <= appShare;
    }

    private static ProblemException overloaded() {
        return new ProblemException(Problem.of(
                503,
                "runtime/overloaded",
                "Runtime overloaded",
                "Every JavaScript context of this runtime instance is busy; try again shortly."));
    }

    private void take(ContextKey key) {
        busy.merge(key, 1, Integer::sum);
        busyByApp.merge(key.appId(), 1, Integer::sum);
        busyTotal++;
    }

    /** The generation a context created now for the app belongs to. */
    long generation(String appId) {
        lock.lock();
        try {
            return generations.getOrDefault(appId, 0L);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Takes a context back: kept warm when it is reusable, current, there is room, and its retained estimate is within
     * {@link #RECYCLE_BUDGETS} budgets (else it is recycled: whatever an app parks in {@code globalThis} is bounded
     * by that); otherwise closed.
     */
    void release(AppContext context, boolean reusable) {
        boolean keep;
        lock.lock();
        try {
            done(context.key());
            Deque<AppContext> warm = idle.computeIfAbsent(context.key(), k -> new ArrayDeque<>());
            keep = reusable
                    && !context.isClosed()
                    && context.generation()
                            == generations.getOrDefault(context.key().appId(), 0L)
                    && warm.size() < config.poolPerVersion()
                    && context.retainedEstimate() <= RECYCLE_BUDGETS * config.memoryBudget();
            if (keep) {
                context.touch();
                warm.addFirst(context);
            } else {
                alive--;
            }
            freed.signalAll();
        } finally {
            lock.unlock();
        }
        if (!keep) {
            context.close();
        }
    }

    /** Gives back a slot reserved by {@link #acquire} for {@code key} whose context could not be created. */
    void abandon(ContextKey key) {
        lock.lock();
        try {
            alive--;
            done(key);
            freed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void done(ContextKey key) {
        busy.computeIfPresent(key, (k, n) -> n <= 1 ? null : n - 1);
        busyByApp.computeIfPresent(key.appId(), (k, n) -> n <= 1 ? null : n - 1);
        busyTotal--;
    }

    /**
     * Under heap pressure: closes idle contexts app by app, the app whose idle contexts have the largest retained
     * estimate ({@link AppContext#retainedEstimate}) first, until the estimates closed reach {@code wantedBytes}.
     */
    @Override
    public int dropBiggestIdle(long wantedBytes) {
        List<AppContext> toClose = new ArrayList<>();
        lock.lock();
        try {
            Map<String, Long> byApp = new HashMap<>();
            for (Deque<AppContext> warm : idle.values()) {
                for (AppContext context : warm) {
                    byApp.merge(context.key().appId(), context.retainedEstimate(), Long::sum);
                }
            }
            List<Map.Entry<String, Long>> apps = new ArrayList<>(byApp.entrySet());
            apps.sort(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()));
            long dropped = 0;
            for (Map.Entry<String, Long> app : apps) {
                if (!toClose.isEmpty() && dropped >= wantedBytes) {
                    break;
                }
                for (Iterator<Map.Entry<ContextKey, Deque<AppContext>>> it =
                                idle.entrySet().iterator();
                        it.hasNext(); ) {
                    Map.Entry<ContextKey, Deque<AppContext>> entry = it.next();
                    if (entry.getKey().appId().equals(app.getKey())) {
                        toClose.addAll(entry.getValue());
                        alive -= entry.getValue().size();
                        it.remove();
                    }
                }
                dropped += app.getValue();
            }
            freed.signalAll();
        } finally {
            lock.unlock();
        }
        toClose.forEach(AppContext::close);
        return toClose.size();
    }

    /** Drops every context of the app: idle ones now, busy ones when released. */
    void dropApp(String appId) {
        List<AppContext> toClose = new ArrayList<>();
        lock.lock();
        try {
            generations.merge(appId, 1L, Long::sum);
            for (Iterator<Map.Entry<ContextKey, Deque<AppContext>>> it =
                            idle.entrySet().iterator();
                    it.hasNext(); ) {
                Map.Entry<ContextKey, Deque<AppContext>> entry = it.next();
                if (entry.getKey().appId().equals(appId)) {
                    toClose.addAll(entry.getValue());
                    alive -= entry.getValue().size();
                    it.remove();
                }
            }
            freed.signalAll();
        } finally {
            lock.unlock();
        }
        toClose.forEach(AppContext::close);
        if (!toClose.isEmpty()) {
            log.debug("contexts dropped appId={} count={}", appId, toClose.size());
        }
    }

    /** Closes contexts idle longer than the configured timeout. */
    void evictIdle() {
        long cutoff = System.nanoTime() - config.idleTimeout().toNanos();
        List<AppContext> toClose = new ArrayList<>();
        lock.lock();
        try {
            for (Deque<AppContext> warm : idle.values()) {
                for (Iterator<AppContext> it = warm.iterator(); it.hasNext(); ) {
                    AppContext context = it.next();
                    if (context.lastUsed() - cutoff < 0) {
                        it.remove();
                        toClose.add(context);
                        alive--;
                    }
                }
            }
            idle.values().removeIf(Deque::isEmpty);
            freed.signalAll();
        } finally {
            lock.unlock();
        }
        toClose.forEach(AppContext::close);
    }

    /** Closes everything idle (shutdown). */
    void closeAll() {
        lock.lock();
        List<AppContext> toClose = new ArrayList<>();
        try {
            idle.values().forEach(toClose::addAll);
            alive -= toClose.size();
            idle.clear();
        } finally {
            lock.unlock();
        }
        toClose.forEach(AppContext::close);
    }

    /** Idle contexts of a version (tests, metrics). */
    int idleCount(ContextKey key) {
        lock.lock();
        try {
            Deque<AppContext> warm = idle.get(key);
            return warm == null ? 0 : warm.size();
        } finally {
            lock.unlock();
        }
    }

    /** Invocations running now: {@code fazt_runtime_invocations_busy}. */
    int busyTotal() {
        lock.lock();
        try {
            return busyTotal;
        } finally {
            lock.unlock();
        }
    }

    /** Contexts alive, busy and idle (tests, metrics). */
    int alive() {
        lock.lock();
        try {
            return alive;
        } finally {
            lock.unlock();
        }
    }

    private AppContext oldestIdle() {
        AppContext oldest = null;
        for (Deque<AppContext> warm : idle.values()) {
            AppContext last = warm.peekLast();
            if (last != null && (oldest == null || last.lastUsed() - oldest.lastUsed() < 0)) {
                oldest = last;
            }
        }
        return oldest;
    }
}
