package fazt.server;

import fazt.auth.RotateAdminToken;
import fazt.auth.ShowSetupLink;
import fazt.platform.service.ServiceContext;
import fazt.platform.service.ServiceDefinition;
import fazt.platform.service.ServiceStartException;
import fazt.platform.service.settings.SettingsException;
import fazt.proto.ServiceName;
import fazt.server.release.ReleaseCommand;
import fazt.storage.MigrateBlobs;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.CountDownLatch;

/**
 * The one entry point of every fazt service process. {@code FAZT_TARGETS} picks the services: one per process
 * (compose, scaled), several, or {@code all} in one JVM for a small homelab. In one JVM each service still has its
 * own context, settings, database pool, NATS connection and management port, and they talk only over NATS.
 *
 * <pre>
 * fazt-server               run FAZT_TARGETS (default all) until SIGTERM
 * fazt-server provision     create the database, the services' roles and schemas, and a master key file
 * fazt-server drop-streams  delete the JetStream streams of FAZT_SUBJECT_ROOT (the suite stopped)
 * fazt-server migrate-blobs --to s3://bucket/prefix | --to postgres  move every blob's bytes to that store
 * fazt-server rotate-admin-token  replace the generated bootstrap admin token (printed once; the old one is refused)
 * fazt-server release check|fetch|images --from DIR|URL --key release.pub  verify a signed release (upgrades)
 * fazt-server backup-key --archive FILE [--out FILE]  take the master key out of an archive made with --include-key
 * fazt-server setup-link    show the running auth-svc's one-time first-admin link and its QR code, while it works
 * fazt-server settings      print every setting with its effective value and source (--markdown: the README table)
 * fazt-server version       print the version
 * </pre>
 */
public final class FaztServer {
    /** Exit status for a bad setting: nothing was started. */
    static final int EXIT_SETTINGS = 2;
    /** Exit status for a service that failed to start. */
    static final int EXIT_START = 1;

    private FaztServer() {}

    public static void main(String[] args) throws Exception {
        String command = args.length == 0 ? "run" : args[0];
        Map<String, String> env = System.getenv();
        try {
            switch (command) {
                case "run" -> run(env);
                case "provision" -> Provision.run(env, List.of(args).subList(1, args.length));
                case "rotate-admin-token" -> RotateAdminToken.run(env);
                case "setup-link" -> System.exit(ShowSetupLink.run(env, System.out, System.err));
                case "drop-streams" -> DropStreams.run(env);
                case "backup-key" ->
                    System.exit(BackupKey.run(env, List.of(args).subList(1, args.length), System.out, System.err));
                case "release" ->
                    System.exit(ReleaseCommand.run(List.of(args).subList(1, args.length), System.out, System.err));
                case "migrate-blobs" -> MigrateBlobs.run(env, List.of(args).subList(1, args.length), System.err);
                case "settings" ->
                    System.exit(SettingsReport.print(
                            env, definitions(), System.out, args.length > 1 && args[1].equals("--markdown")));
                case "version", "--version" -> System.out.println("fazt-server " + version());
                case "help", "--help", "-h" -> System.out.println(usage());
                default -> {
                    System.err.println("fazt: unknown command \"" + command + "\"\n" + usage());
                    System.exit(EXIT_SETTINGS);
                }
            }
        } catch (SettingsException e) {
            System.err.println("fazt: " + e.getMessage());
            System.exit(EXIT_SETTINGS);
        }
    }

    private static void run(Map<String, String> env) throws InterruptedException {
        @SuppressWarnings("unchecked")
        List<ServiceName> targets =
                (List<ServiceName>) ServerSettings.TARGETS.read(env, null).value();
        Map<ServiceName, ServiceDefinition> available = definitions();
        List<ServiceDefinition> chosen = targets.stream().map(available::get).toList();
        List<ServiceContext> running;
        try {
            running = ServiceContext.startAll(chosen, env);
        } catch (ServiceStartException e) {
            System.err.println("fazt: " + e.getMessage());
            System.exit(EXIT_START);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            running.reversed().forEach(ServiceContext::close);
                            stopped.countDown();
                        },
                        "fazt-shutdown"));
        stopped.await();
    }

    static Map<ServiceName, ServiceDefinition> definitions() {
        Map<ServiceName, ServiceDefinition> found = new EnumMap<>(ServiceName.class);
        ServiceLoader.load(ServiceDefinition.class).forEach(d -> found.put(d.name(), d));
        for (ServiceName name : ServiceName.values()) {
            if (!found.containsKey(name)) {
                throw new IllegalStateException("this build has no " + name + " service module on its class path");
            }
        }
        return found;
    }

    private static String version() {
        String v = FaztServer.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    private static String usage() {
        return """
                usage: fazt-server [run | provision [--rotate-nats] | drop-streams | rotate-admin-token | setup-link
                                    | settings [--markdown] | migrate-blobs --to URL | release ... | backup-key ...
                                    | version]
                  run        start the services named by FAZT_TARGETS (all, or e.g. gateway,deploy,storage)
                  provision  create the database, each service's role and schema, a master key file, and the
                             NATS seeds and configuration (--rotate-nats: new seeds for every service)
                  drop-streams  delete the JetStream streams of FAZT_SUBJECT_ROOT (stop the suite first)
                  rotate-admin-token  replace the generated bootstrap admin token: the new one is printed once
                             (and written to FAZT_AUTH_SECRETS_DIR/admin-token), the old one is refused
                  setup-link  show the one-time first-admin link auth-svc wrote to FAZT_AUTH_SECRETS_DIR, with
                             its QR code, while it still works (exit 3: none yet; 4: used or replaced)
                  migrate-blobs  move every blob's bytes to --to s3://bucket/prefix or --to postgres while
                             serving, verifying each; resumable (docs/blobs.md)
                  release    check|fetch|images --from DIR|URL --key release.pub: verify a signed release and
                             fetch it (the verifying half of an upgrade: docs/upgrade.md)
                  backup-key  --archive FILE [--out FILE]: write the master key held by an archive made with
                             --include-key (passphrase: FAZT_BACKUP_PASSPHRASE or asked) to a new owner-only file
                  settings   print every setting of FAZT_TARGETS with its value and source (secrets masked)
                settings come from the environment: see README.md, "Configuration"\
                """;
    }
}
