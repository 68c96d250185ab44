package fazt.storage.domain.blob;

/** Bytes read from a blob, with the blob's whole size. */
public record BlobSlice(long blobSize, byte[] bytes) {}
