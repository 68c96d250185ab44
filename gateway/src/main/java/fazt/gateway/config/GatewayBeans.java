package fazt.gateway.config;

import fazt.gateway.routing.CustomDomains;
import fazt.gateway.routing.HostRouter;
import fazt.gateway.site.BlobSource;
import fazt.gateway.site.BodyCache;
import fazt.gateway.site.StaticResponder;
import fazt.platform.service.BootstrapSettings;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/** Wires the edge's plain-Java parts. */
@Factory
final class GatewayBeans {
    @Singleton
    CustomDomains customDomains() {
        return new CustomDomains();
    }

    @Singleton
    HostRouter hostRouter(BootstrapSettings settings, CustomDomains custom) {
        return new HostRouter(settings.domain(), custom);
    }

    @Singleton
    BodyCache bodyCache(GatewayConfig config) {
        return new BodyCache(config.cacheBytes());
    }

    @Singleton
    StaticResponder staticResponder(BlobSource blobs, BodyCache cache) {
        return new StaticResponder(blobs, cache);
    }
}
