package fazt.proto.storage;

import fazt.proto.ServiceName;
import fazt.proto.admin.AdminRoute;
import java.util.List;

/**
 * storage-svc's part of the admin API: backups and restores of the whole installation (ADR 39), which storage-svc
 * coordinates. Every route needs the {@code admin} scope: an archive holds every app's data.
 */
public final class StorageAdminApi {
    private StorageAdminApi() {}

    public static final List<AdminRoute> ROUTES = List.of(
            route("GET", "/backups", "admin", "Lists the backups and restores, newest first, and the archives kept")
                    .returns(200, BackupList.class),
            route(
                            "POST",
                            "/backups",
                            "admin",
                            "Starts a backup of every schema (one snapshot) into FAZT_BACKUP_TARGET, with the master"
                                    + " key sealed by a passphrase when asked; done only after the archive was read"
                                    + " back and every hash checked; 409 while another backup runs")
                    .accepts(BackupCreateBody.class)
                    .returns(202, BackupView.class),
            route("GET", "/backups/{name}", "admin", "One backup or restore: status, bytes and parts so far, error")
                    .returns(200, BackupView.class),
            route(
                            "POST",
                            "/backups/{name}/verify",
                            "admin",
                            "Reads an archive back from the target and checks its manifest and every part's SHA-256")
                    .returns(200, BackupCheck.class),
            route(
                            "POST",
                            "/backups/{name}/restore",
                            "admin",
                            "Restores an archive into this (empty) installation: every hash is checked before"
                                    + " anything changes; a failure leaves the installation as it was")
                    .returns(202, BackupView.class));

    private static AdminRoute route(String method, String template, String scope, String summary) {
        return AdminRoute.of(ServiceName.STORAGE, method, template, scope, summary);
    }
}
