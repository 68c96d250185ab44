package fazt.proto.deploy;

/** One file of an app's live version: its path in the site, size in bytes, and content digest. */
public record FileView(String path, long size, String digest) {}
