package fazt.proto;

import fazt.proto.admin.AdminRequest;
import fazt.proto.admin.AdminResponse;
import fazt.proto.admin.BodyBlob;
import fazt.proto.auth.AccessRevoked;
import fazt.proto.auth.AppLoginReply;
import fazt.proto.auth.AppLoginRequest;
import fazt.proto.auth.AppSessionReply;
import fazt.proto.auth.AppSessionRequest;
import fazt.proto.auth.AppUser;
import fazt.proto.auth.Principal;
import fazt.proto.auth.PrincipalAssertion;
import fazt.proto.auth.PrincipalKeysReply;
import fazt.proto.auth.PrincipalKeysRequest;
import fazt.proto.auth.TokenVerifyReply;
import fazt.proto.auth.TokenVerifyRequest;
import fazt.proto.backup.MasterKeyReply;
import fazt.proto.backup.MasterKeyRequest;
import fazt.proto.backup.SchemaExportReply;
import fazt.proto.backup.SchemaExportRequest;
import fazt.proto.backup.SchemaImportReply;
import fazt.proto.backup.SchemaImportRequest;
import fazt.proto.deploy.AppChanged;
import fazt.proto.deploy.AppEnvReply;
import fazt.proto.deploy.AppEnvRequest;
import fazt.proto.deploy.AppOwnershipReply;
import fazt.proto.deploy.AppOwnershipRequest;
import fazt.proto.deploy.DomainChallengeReply;
import fazt.proto.deploy.DomainChallengeRequest;
import fazt.proto.deploy.DomainChanged;
import fazt.proto.deploy.DomainsReply;
import fazt.proto.deploy.DomainsRequest;
import fazt.proto.deploy.SiteReply;
import fazt.proto.deploy.SiteRequest;
import fazt.proto.deploy.TriggersReply;
import fazt.proto.deploy.TriggersRequest;
import fazt.proto.doctor.SelfCheckReport;
import fazt.proto.doctor.SelfCheckRequest;
import fazt.proto.gateway.CertificateIssued;
import fazt.proto.gateway.CertificateReply;
import fazt.proto.gateway.CertificateRequest;
import fazt.proto.gateway.ChallengeChanged;
import fazt.proto.health.HealthCheckRequest;
import fazt.proto.health.HealthReport;
import fazt.proto.mail.MessageDetail;
import fazt.proto.mail.MessageReceived;
import fazt.proto.mail.MessageRequest;
import fazt.proto.mail.MessageSummary;
import fazt.proto.mail.OutboundChanged;
import fazt.proto.mail.PartChunk;
import fazt.proto.mail.PartRequest;
import fazt.proto.mail.RejectRequest;
import fazt.proto.mail.SendAnswer;
import fazt.proto.mail.SendRequest;
import fazt.proto.problem.Problem;
import fazt.proto.runtime.AppLogLine;
import fazt.proto.runtime.InvocationRecord;
import fazt.proto.runtime.InvokeRequest;
import fazt.proto.runtime.InvokeResponse;
import fazt.proto.runtime.ScriptCheckReply;
import fazt.proto.runtime.ScriptCheckRequest;
import fazt.proto.scheduler.AsyncEnqueueRequest;
import fazt.proto.scheduler.EmailEnqueueRequest;
import fazt.proto.scheduler.HookReceiveRequest;
import fazt.proto.scheduler.RunAccepted;
import fazt.proto.scheduler.RunFailed;
import fazt.proto.scheduler.RunStatusReply;
import fazt.proto.scheduler.RunStatusRequest;
import fazt.proto.storage.BackupLatestReply;
import fazt.proto.storage.BackupLatestRequest;
import fazt.proto.storage.BackupStartReply;
import fazt.proto.storage.BackupStartRequest;
import fazt.proto.storage.BlobReadRequest;
import fazt.proto.storage.BlobWritten;
import fazt.proto.storage.BlobsMissingReply;
import fazt.proto.storage.BlobsMissingRequest;
import fazt.proto.storage.DbCountReply;
import fazt.proto.storage.DbCountRequest;
import fazt.proto.storage.DbDeleteRequest;
import fazt.proto.storage.DbFindReply;
import fazt.proto.storage.DbFindRequest;
import fazt.proto.storage.DbGetReply;
import fazt.proto.storage.DbGetRequest;
import fazt.proto.storage.DbInsertReply;
import fazt.proto.storage.DbInsertRequest;
import fazt.proto.storage.DbUpdateRequest;
import fazt.proto.storage.FileInfo;
import fazt.proto.storage.FilesDeleteReply;
import fazt.proto.storage.FilesDeleteRequest;
import fazt.proto.storage.FilesListReply;
import fazt.proto.storage.FilesListRequest;
import fazt.proto.storage.FilesPutRequest;
import fazt.proto.storage.FilesStatReply;
import fazt.proto.storage.FilesStatRequest;
import fazt.proto.storage.KvChanged;
import fazt.proto.storage.KvDeleteReply;
import fazt.proto.storage.KvDeleteRequest;
import fazt.proto.storage.KvGetRequest;
import fazt.proto.storage.KvListReply;
import fazt.proto.storage.KvListRequest;
import fazt.proto.storage.KvPutReply;
import fazt.proto.storage.KvPutRequest;
import fazt.proto.storage.KvValue;
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
            SelfCheckRequest.class,
            SelfCheckReport.class,
            SchemaExportRequest.class,
            SchemaExportReply.class,
            SchemaImportRequest.class,
            SchemaImportReply.class,
            MasterKeyRequest.class,
            MasterKeyReply.class,
            BackupStartRequest.class,
            BackupStartReply.class,
            Problem.class,
            Principal.class,
            PrincipalAssertion.class,
            PrincipalKeysRequest.class,
            PrincipalKeysReply.class,
            AccessRevoked.class,
            TokenVerifyRequest.class,
            TokenVerifyReply.class,
            AppUser.class,
            AppLoginRequest.class,
            AppLoginReply.class,
            AppSessionRequest.class,
            AppSessionReply.class,
            AdminRequest.class,
            AdminResponse.class,
            BodyBlob.class,
            SiteRequest.class,
            SiteReply.class,
            AppChanged.class,
            CertificateIssued.class,
            CertificateRequest.class,
            CertificateReply.class,
            ChallengeChanged.class,
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
            VfsDropReply.class,
            BackupLatestRequest.class,
            BackupLatestReply.class,
            AppEnvRequest.class,
            AppEnvReply.class,
            InvokeRequest.class,
            InvokeResponse.class,
            ScriptCheckRequest.class,
            ScriptCheckReply.class,
            AppLogLine.class,
            InvocationRecord.class,
            KvGetRequest.class,
            KvValue.class,
            KvPutRequest.class,
            KvPutReply.class,
            KvChanged.class,
            KvDeleteRequest.class,
            KvDeleteReply.class,
            KvListRequest.class,
            KvListReply.class,
            DbInsertRequest.class,
            DbInsertReply.class,
            DbGetRequest.class,
            DbGetReply.class,
            DbFindRequest.class,
            DbFindReply.class,
            DbUpdateRequest.class,
            DbDeleteRequest.class,
            DbCountRequest.class,
            DbCountReply.class,
            FilesPutRequest.class,
            FileInfo.class,
            FilesStatRequest.class,
            FilesStatReply.class,
            FilesListRequest.class,
            FilesListReply.class,
            FilesDeleteRequest.class,
            FilesDeleteReply.class,
            TriggersRequest.class,
            TriggersReply.class,
            DomainsRequest.class,
            DomainsReply.class,
            DomainChanged.class,
            DomainChallengeRequest.class,
            DomainChallengeReply.class,
            AppOwnershipRequest.class,
            AppOwnershipReply.class,
            AsyncEnqueueRequest.class,
            HookReceiveRequest.class,
            RunAccepted.class,
            EmailEnqueueRequest.class,
            MessageRequest.class,
            PartRequest.class,
            PartChunk.class,
            RejectRequest.class,
            MessageReceived.class,
            OutboundChanged.class,
            SendRequest.class,
            SendAnswer.class,
            MessageSummary.class,
            MessageDetail.class,
            RunStatusRequest.class,
            RunStatusReply.class,
            RunFailed.class);

    private Messages() {}
}
