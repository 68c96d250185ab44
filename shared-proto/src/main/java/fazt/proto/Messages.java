package fazt.proto;

import fazt.proto.admin.AdminRequest;
import fazt.proto.admin.AdminResponse;
import fazt.proto.admin.BodyBlob;
import fazt.proto.auth.Principal;
import fazt.proto.auth.TokenVerifyReply;
import fazt.proto.auth.TokenVerifyRequest;
import fazt.proto.deploy.AppChanged;
import fazt.proto.deploy.SiteReply;
import fazt.proto.deploy.SiteRequest;
import fazt.proto.health.HealthCheckRequest;
import fazt.proto.health.HealthReport;
import fazt.proto.problem.Problem;
import fazt.proto.storage.BlobReadRequest;
import fazt.proto.storage.BlobWritten;
import fazt.proto.storage.BlobsMissingReply;
import fazt.proto.storage.BlobsMissingRequest;
import fazt.proto.storage.VfsCommitReply;
import fazt.proto.storage.VfsCommitRequest;
import fazt.proto.storage.VfsDropReply;
import fazt.proto.storage.VfsDropRequest;
import fazt.proto.storage.VfsFile;
import fazt.proto.storage.VfsListReply;
import fazt.proto.storage.VfsListRequest;
import fazt.proto.storage.VfsStatReply;
import fazt.proto.storage.VfsStatRequest;
import java.util.List;

/** Every wire record of the suite. A record missing here has no golden file test, so the build insists on it. */
public final class Messages {
    public static final List<Class<?>> ALL = List.of(
            HealthCheckRequest.class,
            HealthReport.class,
            Problem.class,
            Principal.class,
            TokenVerifyRequest.class,
            TokenVerifyReply.class,
            AdminRequest.class,
            AdminResponse.class,
            BodyBlob.class,
            SiteRequest.class,
            SiteReply.class,
            AppChanged.class,
            BlobWritten.class,
            BlobsMissingRequest.class,
            BlobsMissingReply.class,
            BlobReadRequest.class,
            VfsFile.class,
            VfsCommitRequest.class,
            VfsCommitReply.class,
            VfsStatRequest.class,
            VfsStatReply.class,
            VfsListRequest.class,
            VfsListReply.class,
            VfsDropRequest.class,
            VfsDropReply.class);

    private Messages() {}
}
