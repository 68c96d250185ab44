package fazt.storage.config;

import fazt.proto.MessageCodec;
import fazt.proto.storage.StorageSubjects;
import fazt.storage.domain.PurgeApp;
import fazt.storage.domain.blob.BlobStore;
import fazt.storage.domain.blob.FindMissingBlobs;
import fazt.storage.domain.blob.ReadBlob;
import fazt.storage.domain.blob.WriteBlob;
import fazt.storage.domain.documents.DocumentStore;
import fazt.storage.domain.documents.Documents;
import fazt.storage.domain.files.AppFiles;
import fazt.storage.domain.files.FileStore;
import fazt.storage.domain.kv.KeyValues;
import fazt.storage.domain.kv.KvStore;
import fazt.storage.domain.vfs.CommitNamespace;
import fazt.storage.domain.vfs.DropNamespace;
import fazt.storage.domain.vfs.ListFiles;
import fazt.storage.domain.vfs.StatPaths;
import fazt.storage.domain.vfs.Vfs;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.time.Clock;

/** Wires the plain-Java use cases of the domain to their ports and limits, in code rather than by annotation. */
@Factory
final class UseCaseFactory {
    @Singleton
    WriteBlob writeBlob(BlobStore store, StorageConfig config) {
        return new WriteBlob(store, StorageSubjects.CHUNK_SIZE, config.maxUploadBytes());
    }

    @Singleton
    ReadBlob readBlob(BlobStore store) {
        return new ReadBlob(store, StorageSubjects.CHUNK_SIZE);
    }

    @Singleton
    FindMissingBlobs findMissingBlobs(BlobStore store) {
        return new FindMissingBlobs(store);
    }

    @Singleton
    CommitNamespace commitNamespace(Vfs vfs) {
        return new CommitNamespace(vfs);
    }

    @Singleton
    StatPaths statPaths(Vfs vfs) {
        return new StatPaths(vfs);
    }

    @Singleton
    ListFiles listFiles(Vfs vfs) {
        return new ListFiles(vfs);
    }

    @Singleton
    DropNamespace dropNamespace(Vfs vfs) {
        return new DropNamespace(vfs);
    }

    @Singleton
    KeyValues keyValues(KvStore store) {
        return new KeyValues(store, StorageSubjects.KV_MAX_VALUE);
    }

    @Singleton
    Documents documents(DocumentStore store) {
        return new Documents(store, MessageCodec.INSTANCE.mapper(), Clock.systemUTC());
    }

    @Singleton
    AppFiles appFiles(FileStore store) {
        return new AppFiles(store);
    }

    @Singleton
    PurgeApp purgeApp(KvStore kv, DocumentStore documents, FileStore files) {
        return new PurgeApp(kv, documents, files);
    }
}
