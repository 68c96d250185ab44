package fazt.storage.domain.vfs;

/** A namespace as committed: how many files and bytes it holds. */
public record Committed(Namespace namespace, int files, long bytes) {}
