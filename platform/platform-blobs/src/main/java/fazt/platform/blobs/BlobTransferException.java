package fazt.platform.blobs;

/**
 * A blocking blob transfer failed. The cause is what failed: a {@link fazt.platform.nats.CallFailure} (storage's
 * problem, where a 4xx is a fact about the input; no answer; no storage-svc; an interruption), or a reply that broke
 * the contract.
 */
public final class BlobTransferException extends RuntimeException {
    public BlobTransferException(String message, Throwable cause) {
        super(message, cause);
    }
}
