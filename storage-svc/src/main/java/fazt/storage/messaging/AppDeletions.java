package fazt.storage.messaging;

import fazt.platform.nats.consumer.ConsumerSpec;
import fazt.platform.nats.consumer.EventConsumer;
import fazt.proto.ServiceName;
import fazt.proto.deploy.AppChanged;
import fazt.proto.deploy.DeploySubjects;
import fazt.storage.domain.AppId;
import fazt.storage.domain.PurgeApp;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Purges a deleted app's KV entries, documents and files when deploy-svc reports the deletion
 * ({@code <root>.evt.deploy.app.deleted}, an {@link AppChanged} with change {@code DELETED}).
 *
 * <p>A durable consumer on deploy-svc's event stream shared by every storage instance (ADR 25), so each deletion is
 * purged by one of them, and one that happened while storage was down is purged when it comes back. Purging is
 * idempotent, so a redelivery is harmless.
 */
@Singleton
final class AppDeletions implements EventConsumer<AppChanged> {
    /** The durable consumer's name on the deploy event stream. */
    static final String DURABLE = "storage-app-purge";

    private static final Logger log = LoggerFactory.getLogger(AppDeletions.class);

    private final PurgeApp purge;
    private final KvChanges kvChanges;

    AppDeletions(PurgeApp purge, KvChanges kvChanges) {
        this.purge = purge;
        this.kvChanges = kvChanges;
    }

    @Override
    public ConsumerSpec<AppChanged> spec() {
        return ConsumerSpec.durable(
                DURABLE, ServiceName.DEPLOY, DeploySubjects.appEvent(AppChanged.Change.DELETED), AppChanged.class);
    }

    @Override
    public void handle(AppChanged event) {
        if (event.change() != AppChanged.Change.DELETED || event.appId() == null) {
            return;
        }
        PurgeApp.Purged purged = purge.purge(new AppId(event.appId()));
        kvChanges.changed(event.appId(), null);
        log.info(
                "app purged appId={} kvEntries={} documents={} files={} eventId={}",
                event.appId(),
                purged.entries(),
                purged.documents(),
                purged.files(),
                event.eventId());
    }
}
