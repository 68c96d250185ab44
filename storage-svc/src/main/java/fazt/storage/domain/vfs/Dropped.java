package fazt.storage.domain.vfs;

/** What dropping a namespace removed: its files, and the blobs nothing referenced any more. */
public record Dropped(Namespace namespace, int files, int blobsCollected) {}
