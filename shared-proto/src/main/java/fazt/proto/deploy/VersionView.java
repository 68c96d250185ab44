package fazt.proto.deploy;

import java.time.Instant;

/** One deployed version of an app; {@code source} says how it came ({@code deploy by ana}, {@code clone of blog@3}). */
public record VersionView(int version, int files, long bytes, String source, Instant createdAt, boolean live) {}
