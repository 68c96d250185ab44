package fazt.storage.domain.blob;

/** A piece of an upload: its bytes, where they start, and whether it closes the upload. */
public record Chunk(UploadId upload, long offset, boolean last, byte[] data) {}
