package fazt.proto.storage;

import fazt.proto.ServiceName;
import fazt.proto.SubjectGrammar;

/**
 * Request subjects owned by storage-svc (without the root). Bodies are the records named below, except blob bytes,
 * which travel raw in chunks of at most {@link #CHUNK_SIZE} so that no file is ever held whole in one message.
 *
 * <p>Blobs are content-addressed by the lower-case hex SHA-256 of their bytes. A writer streams a blob as an
 * <em>upload</em>: chunks sent in order to {@link #BLOB_WRITE} under an upload id of its choosing; the chunk with
 * {@link #HEADER_LAST} {@code true} closes it and the reply names the digest. Chunks are stored as they arrive, so any
 * storage instance of the queue group may take any chunk. A blob that already exists is deduplicated.
 *
 * <p>The virtual file system maps paths of an immutable <em>namespace</em> (e.g. {@code site/a_7k2m/v3}) to blobs.
 * A namespace is committed once, whole, and dropped whole; blobs no namespace references any more are collected.
 */
public final class StorageSubjects {
    /** Largest chunk of blob bytes in one message (NATS' default payload limit is 1 MiB). */
    public static final int CHUNK_SIZE = 512 * 1024;
    /** Longest path of a file in a namespace (characters); no file has a longer one. */
    public static final int MAX_VFS_PATH = 1024;

    /** Request: raw chunk bytes with headers {@link #HEADER_UPLOAD_ID}, {@link #HEADER_OFFSET}, {@link #HEADER_LAST}; reply {@link BlobWritten}. */
    public static final String BLOB_WRITE = "svc.storage.blob.write";
    /** Request {@link BlobsMissingRequest}; reply {@link BlobsMissingReply}: which of the digests are not stored. */
    public static final String BLOB_MISSING = "svc.storage.blob.missing";
    /** Request {@link BlobReadRequest}; reply: raw bytes of the range, header {@link #HEADER_BLOB_SIZE}. 404 problem if absent. */
    public static final String BLOB_READ = "svc.storage.blob.read";
    /** Request {@link VfsCommitRequest}; reply {@link VfsCommitReply}. 409 if the namespace exists, 422 if a blob is missing. */
    public static final String VFS_COMMIT = "svc.storage.vfs.commit";
    /** Request {@link VfsStatRequest}; reply {@link VfsStatReply}: which of the candidate paths exist. */
    public static final String VFS_STAT = "svc.storage.vfs.stat";
    /** Request {@link VfsListRequest}; reply {@link VfsListReply}: one page of a namespace's files, by path. */
    public static final String VFS_LIST = "svc.storage.vfs.list";
    /** Request {@link VfsDropRequest}; reply {@link VfsDropReply}. Dropping an absent namespace is not an error. */
    public static final String VFS_DROP = "svc.storage.vfs.drop";

    /**
     * Request {@link BackupLatestRequest}; reply {@link BackupLatestReply}: the newest backup that completed and the
     * newest that failed, for {@code fazt doctor}'s backup age (ADR 40).
     */
    public static final String BACKUP_LATEST = "svc.storage.backup.latest";

    /** Largest KV value in bytes. */
    public static final int KV_MAX_VALUE = 512 * 1024;
    /** Request {@link KvGetRequest}; reply {@link KvValue}. */
    public static final String KV_GET = "svc.storage.kv.get";
    /** Request {@link KvPutRequest}; reply {@link KvPutReply}. 400/413 problem for a bad key or a too large value. */
    public static final String KV_PUT = "svc.storage.kv.put";
    /** Request {@link KvDeleteRequest}; reply {@link KvDeleteReply}. */
    public static final String KV_DELETE = "svc.storage.kv.delete";
    /**
     * Notice {@link KvChanged}, published on plain NATS (never stored: ADR 36) by storage-svc after a KV change is
     * committed and before the writer's reply; every runtime instance drops the key from its read cache.
     */
    public static final String KV_CHANGED = SubjectGrammar.notice(ServiceName.STORAGE, "kv", "changed");
    /** Request {@link KvListRequest}; reply {@link KvListReply}. */
    public static final String KV_LIST = "svc.storage.kv.list";
    /** Request {@link DbInsertRequest}; reply {@link DbInsertReply}. */
    public static final String DB_INSERT = "svc.storage.db.insert";
    /** Request {@link DbGetRequest}; reply {@link DbGetReply}. */
    public static final String DB_GET = "svc.storage.db.get";
    /** Request {@link DbFindRequest}; reply {@link DbFindReply}. */
    public static final String DB_FIND = "svc.storage.db.find";
    /** Request {@link DbUpdateRequest}; reply {@link DbCountReply} (documents updated). */
    public static final String DB_UPDATE = "svc.storage.db.update";
    /** Request {@link DbDeleteRequest}; reply {@link DbCountReply} (documents deleted). */
    public static final String DB_DELETE = "svc.storage.db.delete";
    /** Request {@link DbCountRequest}; reply {@link DbCountReply}. */
    public static final String DB_COUNT = "svc.storage.db.count";
    /** Request {@link FilesPutRequest}; reply {@link FileInfo}. 422 problem if the blob is not stored. */
    public static final String FILES_PUT = "svc.storage.files.put";
    /** Request {@link FilesStatRequest}; reply {@link FilesStatReply}. */
    public static final String FILES_STAT = "svc.storage.files.stat";
    /** Request {@link FilesListRequest}; reply {@link FilesListReply}. */
    public static final String FILES_LIST = "svc.storage.files.list";
    /** Request {@link FilesDeleteRequest}; reply {@link FilesDeleteReply}. */
    public static final String FILES_DELETE = "svc.storage.files.delete";

    /**
     * Request {@link BackupStartRequest}; reply {@link BackupStartReply}: starts a scheduled backup unless one is
     * running or this tick's was started already. Only scheduler-svc may ask (ADR 31; FAZT_BACKUP_CRON).
     */
    public static final String BACKUP_START = "svc.storage.backup.start";
    /** How long the asker waits for {@link #BACKUP_START}'s answer (the backup itself runs in the background). */
    public static final java.time.Duration BACKUP_START_TIMEOUT = java.time.Duration.ofSeconds(10);

    /** Header of a {@link #BLOB_WRITE} chunk: the writer's upload id, 8-64 of {@code [A-Za-z0-9_-]}. */
    public static final String HEADER_UPLOAD_ID = "Fazt-Upload-Id";
    /** Header of a {@link #BLOB_WRITE} chunk: byte offset of this chunk in the blob (chunks arrive in order). */
    public static final String HEADER_OFFSET = "Fazt-Offset";
    /** Header of a {@link #BLOB_WRITE} chunk: {@code true} on the last chunk (which may be empty). */
    public static final String HEADER_LAST = "Fazt-Last";
    /** Header of a {@link #BLOB_READ} reply: the blob's whole size in bytes. */
    public static final String HEADER_BLOB_SIZE = "Fazt-Blob-Size";

    private StorageSubjects() {}
}
