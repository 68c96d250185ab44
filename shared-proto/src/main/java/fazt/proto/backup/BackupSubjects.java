package fazt.proto.backup;

import fazt.proto.ServiceName;
import fazt.proto.SubjectGrammar;
import java.time.Duration;
import java.util.List;

/**
 * The backup requests every service with a schema answers (ADR 39): it exports and imports its own tables, so no
 * service reads another's. {@code svc.<service>.backup.export}, body {@link SchemaExportRequest}, reply
 * {@link SchemaExportReply}; {@code svc.<service>.backup.import}, body {@link SchemaImportRequest}, reply
 * {@link SchemaImportReply}. The rows themselves travel as body streams (platform-bodystream), never in one message.
 */
public final class BackupSubjects {
    /** The action tokens. */
    public static final String EXPORT_ACTION = "backup.export";

    public static final String IMPORT_ACTION = "backup.import";
    /**
     * {@code svc.deploy.backup.key}, body {@link MasterKeyRequest}, reply {@link MasterKeyReply}: the master key sealed
     * with a passphrase, for an archive made with the key (deploy-svc holds it; only storage-svc may ask).
     */
    public static final String MASTER_KEY = "svc.deploy.backup.key";

    /** How long the coordinator waits for an export to start streaming (the snapshot is taken by then). */
    public static final Duration EXPORT_TIMEOUT = Duration.ofSeconds(30);
    /** How long the coordinator waits for an import to be committed or rolled back. */
    public static final Duration IMPORT_TIMEOUT = Duration.ofMinutes(30);
    /** How long a reader waits for one chunk of a part. */
    public static final Duration PULL_TIMEOUT = Duration.ofSeconds(60);

    /** The services whose schemas hold durable data, in the order a restore imports them. */
    public static final List<ServiceName> SERVICES = List.of(
            ServiceName.AUTH,
            ServiceName.DEPLOY,
            ServiceName.STORAGE,
            ServiceName.SCHEDULER,
            ServiceName.MAIL,
            ServiceName.GATEWAY);

    private BackupSubjects() {}

    /** {@code svc.<service>.backup.export}, without the root. */
    public static String exportOf(ServiceName service) {
        return SubjectGrammar.request(service, EXPORT_ACTION);
    }

    /** {@code svc.<service>.backup.import}, without the root. */
    public static String importOf(ServiceName service) {
        return SubjectGrammar.request(service, IMPORT_ACTION);
    }
}
