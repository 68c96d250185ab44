package fazt.runtime.engine;

import fazt.runtime.bindings.MailBindings;
import fazt.runtime.bindings.StorageBindings;
import fazt.runtime.modules.AppFiles;
import jakarta.inject.Singleton;

/** Creates the contexts of app versions on the shared engine, wired to the bindings and the outbound fetch client. */
@Singleton
final class ContextFactory {
    private final JsEngine engine;
    private final StorageBindings storage;
    private final MailBindings mail;
    private final OutboundFetcher fetcher;

    ContextFactory(JsEngine engine, StorageBindings storage, MailBindings mail, OutboundFetcher fetcher) {
        this.engine = engine;
        this.storage = storage;
        this.mail = mail;
        this.fetcher = fetcher;
    }

    /** A new context for the version (not yet loaded: call {@link AppContext#load} on a JS thread). */
    AppContext create(ContextKey key, long generation, AppFiles files) {
        return new AppContext(engine, key, generation, files, storage, mail, fetcher);
    }
}
