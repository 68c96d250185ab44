package fazt.platform.nats;

import fazt.proto.ServiceName;
import io.nats.client.NKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;

/**
 * The services' NATS credentials (ADR 31): one user nkey per service, its seed in {@code <dir>/<service>.nk}
 * (mode 0600, never logged), the public key in the server configuration ({@link NatsServerConfig}). Existing seeds
 * are kept, so provisioning again changes nothing; {@code rotate} replaces them all.
 */
public final class NatsCredentials {
    private static final SecureRandom RANDOM = new SecureRandom();

    private NatsCredentials() {}

    /**
     * Makes sure {@code dir} holds a seed for every service (a new one for each when {@code rotate}); returns each
     * service's public key.
     */
    public static Map<ServiceName, String> provision(Path dir, boolean rotate) throws IOException {
        Files.createDirectories(dir);
        restrict(dir, "rwx------");
        Map<ServiceName, String> keys = new EnumMap<>(ServiceName.class);
        for (ServiceName service : ServiceName.values()) {
            Path file = dir.resolve(fileName(service));
            if (rotate || Files.notExists(file)) {
                write(file, newSeed());
            }
            keys.put(service, publicKey(NatsIdentity.readSeed(file)));
        }
        return keys;
    }

    /** The seed file name of {@code service}: {@code <service>.nk}. */
    public static String fileName(ServiceName service) {
        return service.id() + ".nk";
    }

    /** The public key ({@code U…}) of a user seed. */
    public static String publicKey(char[] seed) throws IOException {
        try {
            NKey key = NKey.fromSeed(seed);
            try {
                return new String(key.getPublicKey());
            } finally {
                key.clear();
            }
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IOException("not a NATS user seed (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static char[] newSeed() throws IOException {
        try {
            return NKey.createUser(RANDOM).getSeed();
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot create an nkey (" + e.getClass().getSimpleName() + ")", e);
        }
    }

    /** Writes the seed to an owner-only file ({@link SecretFile}), then wipes it from memory. */
    private static void write(Path file, char[] seed) throws IOException {
        byte[] bytes = (new String(seed) + "\n").getBytes(StandardCharsets.US_ASCII);
        try {
            SecretFile.write(file, bytes);
        } finally {
            Arrays.fill(bytes, (byte) 0);
            Arrays.fill(seed, '\0');
        }
    }

    private static void restrict(Path dir, String mode) throws IOException {
        try {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString(mode));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system: the directory keeps its permissions.
        }
    }
}
