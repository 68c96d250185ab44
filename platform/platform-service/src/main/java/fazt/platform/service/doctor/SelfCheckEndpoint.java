package fazt.platform.service.doctor;

import fazt.platform.nats.IncomingRequest;
import fazt.platform.nats.RequestEndpoint;
import fazt.platform.service.BootstrapSettings;
import fazt.platform.service.ServiceIdentity;
import fazt.platform.service.doctor.CheckedPaths.CheckedPath;
import fazt.proto.doctor.DoctorSubjects;
import fazt.proto.doctor.SelfCheckReport;
import fazt.proto.doctor.SelfCheckReport.DiskProbe;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Answers {@code <root>.svc.<service>.selfcheck} on every instance (no queue group) with what the instance measures
 * about itself: identity and version, its clock, its database and its local paths (ADR 40).
 */
@Singleton
final class SelfCheckEndpoint implements RequestEndpoint {
    private final ServiceIdentity identity;
    private final DatabaseSelfCheck database;
    private final List<CheckedPath> paths;
    private final Clock clock = Clock.systemUTC();

    SelfCheckEndpoint(
            ServiceIdentity identity,
            DatabaseSelfCheck database,
            BootstrapSettings settings,
            List<CheckedPaths> declared) {
        this.identity = identity;
        this.database = database;
        List<CheckedPath> all = new ArrayList<>();
        all.add(new CheckedPath("temporary files", Path.of(System.getProperty("java.io.tmpdir")), true));
        if (settings.natsSeedFile() != null) {
            all.add(new CheckedPath("NATS seed", Path.of(settings.natsSeedFile()), false));
        }
        declared.forEach(d -> all.addAll(d.paths()));
        this.paths = List.copyOf(all);
    }

    @Override
    public String subject() {
        return DoctorSubjects.of(identity.name());
    }

    @Override
    public boolean everyInstance() {
        return true;
    }

    @Override
    public SelfCheckReport handle(IncomingRequest request) {
        long started = System.nanoTime();
        var db = database.probe();
        List<DiskProbe> disks = paths.stream().map(SelfCheckEndpoint::probe).toList();
        long took = (System.nanoTime() - started) / 1_000_000;
        return new SelfCheckReport(
                identity.name().id(), identity.instance(), identity.version(), clock.instant(), took, db, disks);
    }

    static DiskProbe probe(CheckedPath checked) {
        Path path = checked.path();
        String shown = path.toString();
        if (!Files.exists(path)) {
            return new DiskProbe(checked.purpose(), shown, null, null, false, "does not exist");
        }
        boolean usable = checked.writes() ? Files.isWritable(path) : Files.isReadable(path);
        try {
            FileStore store = Files.getFileStore(path);
            return new DiskProbe(
                    checked.purpose(),
                    shown,
                    store.getTotalSpace(),
                    store.getUsableSpace(),
                    usable,
                    usable ? null : (checked.writes() ? "not writable" : "not readable") + " by this process");
        } catch (IOException e) {
            return new DiskProbe(checked.purpose(), shown, null, null, usable, "cannot measure: " + e.getMessage());
        }
    }
}
