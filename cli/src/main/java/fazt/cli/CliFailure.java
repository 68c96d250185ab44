package fazt.cli;

/** A failure the CLI reports as one line ({@code fazt: <message>}) with exit code 1. */
final class CliFailure extends RuntimeException {
    CliFailure(String message) {
        super(message, null, false, false);
    }
}
