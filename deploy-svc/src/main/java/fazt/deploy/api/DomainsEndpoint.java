package fazt.deploy.api;

import fazt.deploy.domain.Domain;
import fazt.deploy.domain.ManageDomains;
import fazt.platform.nats.IncomingRequest;
import fazt.platform.nats.RequestEndpoint;
import fazt.proto.deploy.DeploySubjects;
import fazt.proto.deploy.DomainsReply;
import fazt.proto.deploy.DomainsRequest;
import fazt.proto.deploy.MappedDomain;
import jakarta.inject.Singleton;

/** {@code svc.deploy.domains.get}: every mapped custom domain, for a gateway to route them from its start. */
@Singleton
final class DomainsEndpoint implements RequestEndpoint {
    private final ManageDomains domains;

    DomainsEndpoint(ManageDomains domains) {
        this.domains = domains;
    }

    @Override
    public String subject() {
        return DeploySubjects.DOMAINS_GET;
    }

    @Override
    public DomainsReply handle(IncomingRequest request) {
        request.body(DomainsRequest.class);
        return new DomainsReply(
                domains.all().stream().map(DomainsEndpoint::mapped).toList());
    }

    static MappedDomain mapped(Domain d) {
        return new MappedDomain(d.name(), d.appId().value(), d.appName(), d.state(), d.verifiedAt());
    }
}
