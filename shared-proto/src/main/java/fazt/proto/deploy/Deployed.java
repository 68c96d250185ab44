package fazt.proto.deploy;

import java.util.List;

/**
 * {@code POST /api/apps/{name}/deploy}: the app after the deploy, the new live version, its file count and bytes, how
 * many blobs were new to storage, and the env names its manifest needs but that are not set.
 */
public record Deployed(AppView app, int version, int files, long bytes, int newBlobs, List<String> missingEnv) {}
