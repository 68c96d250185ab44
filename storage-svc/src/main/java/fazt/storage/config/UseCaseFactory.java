package fazt.storage.config;

import fazt.proto.storage.StorageSubjects;
import fazt.storage.domain.blob.BlobStore;
import fazt.storage.domain.blob.FindMissingBlobs;
import fazt.storage.domain.blob.ReadBlob;
import fazt.storage.domain.blob.WriteBlob;
import fazt.storage.domain.vfs.CommitNamespace;
import fazt.storage.domain.vfs.DropNamespace;
import fazt.storage.domain.vfs.ListFiles;
import fazt.storage.domain.vfs.StatPaths;
import fazt.storage.domain.vfs.Vfs;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

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
}
