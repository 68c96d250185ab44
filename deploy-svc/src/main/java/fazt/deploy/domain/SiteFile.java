package fazt.deploy.domain;

/** A file of a stored version: site path, blob digest, size. */
public record SiteFile(String path, String digest, long size) {}
