package fazt.deploy.domain;

/** Port: announces that a custom domain was mapped, verified, failed or removed (gateways route by it). */
public interface DomainEvents {
    enum Change {
        MAPPED,
        VERIFIED,
        FAILED,
        REMOVED
    }

    void publish(Change change, Domain domain);
}
