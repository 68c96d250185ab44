package fazt.e2e;

import fazt.platform.test.TestNats;
import fazt.platform.test.TestPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A fazt suite run by {@code scripts/stack} exactly as a user runs it, from the built jars, with a FAZT_HOME, ports,
 * database and subject root of its own, so several can run side by side. {@code targets} null is the split mode
 * (a process per service); {@code all} is the one-JVM mode.
 */
final class Stack implements AutoCloseable {
    static final Path REPO =
            Path.of(System.getProperty("fazt.repo", "..")).toAbsolutePath().normalize();

    final String targets;
    final Path home;
    final int httpPort;
    final int managementPort;
    final TestPostgres postgres;
    final TestNats nats;
    private final Map<String, String> extraEnv = new HashMap<>();

    private Stack(String targets, Path home, int httpPort, int managementPort, TestPostgres postgres, TestNats nats) {
        this.targets = targets;
        this.home = home;
        this.httpPort = httpPort;
        this.managementPort = managementPort;
        this.postgres = postgres;
        this.nats = nats;
    }

    static Stack create(String targets) throws IOException {
        return create(targets, 7);
    }

    /**
     * A stack with {@code managementPorts} free ports from its FAZT_MANAGEMENT_PORT on (7 for the services; an upgrade's
     * second slot needs 32 more, runtime instances their own).
     */
    static Stack create(String targets, int managementPorts) throws IOException {
        return new Stack(
                targets,
                Files.createTempDirectory("fazt-e2e-"),
                freePort(),
                freePortRange(managementPorts),
                TestPostgres.fresh(),
                TestNats.fresh());
    }

    /** Adds an environment variable for every {@code scripts/stack} call of this stack (e.g. FAZT_RUNTIME_INSTANCES). */
    Stack with(String name, String value) {
        extraEnv.put(name, value);
        return this;
    }

    Map<String, String> env() {
        Map<String, String> env = new HashMap<>(extraEnv);
        env.put("FAZT_HOME", home.toString());
        env.put("NATS_URL", nats.url());
        env.put("FAZT_DB_URL", postgres.url());
        env.put("FAZT_DB_ADMIN_USER", postgres.adminUser());
        env.put("FAZT_DB_ADMIN_PASSWORD", postgres.adminPassword());
        env.put("FAZT_DB_PASSWORD", "e2e-role-password");
        env.put("FAZT_SUBJECT_ROOT", nats.root().value());
        env.put("FAZT_HTTP_PORT", Integer.toString(httpPort));
        env.put("FAZT_MANAGEMENT_PORT", Integer.toString(managementPort));
        env.put("FAZT_STACK_TIMEOUT", "120");
        if (targets != null) {
            env.put("FAZT_TARGETS", targets);
        }
        return env;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + httpPort;
    }

    /** Runs {@code scripts/stack <args>} and returns its exit code and output. */
    Result stack(String... args) throws Exception {
        List<String> command =
                new ArrayList<>(List.of(REPO.resolve("scripts/stack").toString()));
        command.addAll(List.of(args));
        return run(command, env(), 180);
    }

    static Result run(List<String> command, Map<String, String> env, int timeoutSeconds) throws Exception {
        ProcessBuilder builder =
                new ProcessBuilder(command).directory(REPO.toFile()).redirectErrorStream(true);
        builder.environment().remove("FAZT_TARGETS");
        builder.environment().putAll(env);
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(command + " did not finish within " + timeoutSeconds + "s");
        }
        return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    /** Pids of the processes this stack recorded (empty when none are recorded). */
    List<Long> pids() throws IOException {
        Path run = home.resolve("run");
        if (!Files.isDirectory(run)) {
            return List.of();
        }
        try (var files = Files.list(run)) {
            return files.filter(f -> f.toString().endsWith(".pid"))
                    .map(f -> {
                        try {
                            return Long.parseLong(Files.readString(f).trim());
                        } catch (IOException e) {
                            throw new IllegalStateException(e);
                        }
                    })
                    .distinct()
                    .toList();
        }
    }

    /** Whether {@code pid} is a running process (not gone, not a zombie awaiting its reaper). */
    static boolean running(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String state = stat.substring(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
            return !state.equals("Z") && !state.equals("X");
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    @Override
    public void close() throws Exception {
        try {
            stack("down");
            // Installed releases (UpgradeE2E) are copies of the whole build, hundreds of MB each.
            run(List.of("rm", "-rf", home.resolve("releases").toString()), Map.of(), 120);
        } finally {
            nats.close();
            postgres.close();
        }
    }

    record Result(int exitCode, String output) {}

    /**
     * Ports come from below the kernel's ephemeral range (32768-60999 by default): a port picked there can be taken
     * by an outbound NATS or PostgreSQL connection of another process between the check and the bind. Ports handed
     * out once are never handed out again in this JVM.
     */
    private static final int LOWEST_PORT = 10000;

    private static final int BELOW_EPHEMERAL = 32000;
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    static int freePort() throws IOException {
        return freePortRange(1);
    }

    /** A base port with {@code count} free ports from it on. */
    static synchronized int freePortRange(int count) throws IOException {
        for (int attempt = 0; attempt < 500; attempt++) {
            int base = ThreadLocalRandom.current().nextInt(LOWEST_PORT, BELOW_EPHEMERAL - count);
            if (allFree(base, count)) {
                for (int port = base; port < base + count; port++) {
                    HANDED_OUT.add(port);
                }
                return base;
            }
        }
        throw new IOException("no range of " + count + " free ports found");
    }

    private static boolean allFree(int base, int count) {
        for (int port = base; port < base + count; port++) {
            if (HANDED_OUT.contains(port)) {
                return false;
            }
            try (ServerSocket ignored = new ServerSocket(port)) {
                // free
            } catch (IOException e) {
                return false;
            }
        }
        return true;
    }
}
