package fazt.deploy.config;

import fazt.deploy.domain.AppEvents;
import fazt.deploy.domain.Apps;
import fazt.deploy.domain.BundleLimits;
import fazt.deploy.domain.BundleReader;
import fazt.deploy.domain.DeployBundle;
import fazt.deploy.domain.ManageApps;
import fazt.deploy.domain.ManifestParser;
import fazt.deploy.domain.SeedBuiltinApps;
import fazt.deploy.domain.SiteFiles;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/** Wires the plain-Java use cases to their adapters. */
@Factory
final class DeployBeans {
    @Singleton
    BundleLimits limits(DeployConfig config) {
        return config.limits();
    }

    @Singleton
    DeployBundle deployBundle(BundleLimits limits, Apps apps, SiteFiles files, AppEvents events, DeployConfig config) {
        return new DeployBundle(new BundleReader(limits, null), new ManifestParser(), apps, files, events, config.keep());
    }

    @Singleton
    ManageApps manageApps(Apps apps, SiteFiles files, AppEvents events) {
        return new ManageApps(apps, files, events);
    }

    @Singleton
    SeedBuiltinApps seed(Apps apps, DeployBundle deploy) {
        return new SeedBuiltinApps(apps, deploy);
    }
}
