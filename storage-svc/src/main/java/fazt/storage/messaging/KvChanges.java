package fazt.storage.messaging;

import fazt.platform.nats.FaztHeaders;
import fazt.platform.service.BootstrapSettings;
import fazt.proto.MessageCodec;
import fazt.proto.storage.KvChanged;
import fazt.proto.storage.StorageSubjects;
import io.nats.client.Connection;
import io.nats.client.impl.Headers;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells every runtime instance that a KV change was committed ({@link StorageSubjects#KV_CHANGED}, ADR 36), so their
 * read caches drop the key. Called after the commit and before the reply: published on the same connection as the
 * reply, the notice reaches the writing instance first. A plain publish, never stored: an instance that misses
 * notices (its connection dropped) turns its cache off and empties it, so a lost notice cannot leave a stale value.
 */
@Singleton
public final class KvChanges {
    private static final Logger log = LoggerFactory.getLogger(KvChanges.class);
    private static final String TYPE = MessageCodec.typeId(KvChanged.class);

    private final Connection nats;
    private final String subject;

    KvChanges(Connection nats, BootstrapSettings settings) {
        this.nats = nats;
        this.subject = settings.root().qualify(StorageSubjects.KV_CHANGED);
    }

    /** {@code key} of app {@code appId} was put or deleted; a null key: every key of the app went. */
    public void changed(String appId, String key) {
        Headers headers = new Headers();
        headers.put(FaztHeaders.TYPE, TYPE);
        try {
            nats.publish(subject, headers, MessageCodec.INSTANCE.encode(new KvChanged(appId, key)));
        } catch (IllegalStateException e) { // the connection is closed: so is every cache's subscription
            log.warn("kv change not told appId={} reason={}", appId, e.getMessage());
        }
    }
}
