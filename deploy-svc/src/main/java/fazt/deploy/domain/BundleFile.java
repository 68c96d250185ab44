package fazt.deploy.domain;

import java.nio.file.Path;

/** One file of an extracted bundle: its site path, size, SHA-256 (hex) and where its bytes wait on disk. */
public record BundleFile(String path, long size, String digest, Path content) {}
