package fazt.platform.blobs;

/**
 * A blocking blob transfer failed. The cause is what failed: a
 * {@link fazt.platform.nats.NatsRequester.RemoteProblemException} carrying storage's problem (a 4xx is a fact about
 * the input), a timeout or a lost connection, or an interruption.
 */
public final class BlobTransferException extends RuntimeException {
    public BlobTransferException(String message, Throwable cause) {
        super(message, cause);
    }
}
