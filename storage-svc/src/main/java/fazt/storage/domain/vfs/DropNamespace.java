package fazt.storage.domain.vfs;

/** Drops a namespace whole; idempotent, so a retried drop after a lost reply is harmless. */
public final class DropNamespace {
    private final Vfs vfs;

    public DropNamespace(Vfs vfs) {
        this.vfs = vfs;
    }

    public Dropped drop(Namespace namespace) {
        return vfs.drop(namespace);
    }
}
