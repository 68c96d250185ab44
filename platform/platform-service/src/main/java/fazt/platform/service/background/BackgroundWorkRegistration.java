package fazt.platform.service.background;

import fazt.platform.loop.BackgroundLoop;
import fazt.platform.loop.BackgroundWork;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Once every bean is ready, starts the loop of every {@link BackgroundWork} bean of the service; on shutdown stops
 * them, each waited for at most {@link #STOP_TIMEOUT}, before the beans they use (database, NATS) go away.
 */
@Singleton
final class BackgroundWorkRegistration implements ApplicationEventListener<StartupEvent> {
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);

    private final List<BackgroundWork> work;
    private final List<BackgroundLoop> loops = new ArrayList<>();

    BackgroundWorkRegistration(List<BackgroundWork> work) {
        this.work = work;
    }

    @Override
    public synchronized void onApplicationEvent(StartupEvent event) {
        for (BackgroundWork each : work) {
            loops.add(each.start());
        }
    }

    @PreDestroy
    synchronized void stop() {
        for (BackgroundLoop loop : loops) {
            loop.stop(STOP_TIMEOUT);
        }
        loops.clear();
    }
}
