package fazt.deploy.config;

import fazt.deploy.check.HttpDomainCheck;
import fazt.deploy.domain.AppEvents;
import fazt.deploy.domain.Apps;
import fazt.deploy.domain.BundleLimits;
import fazt.deploy.domain.BundleReader;
import fazt.deploy.domain.DeployBundle;
import fazt.deploy.domain.DomainCheck;
import fazt.deploy.domain.DomainEvents;
import fazt.deploy.domain.Domains;
import fazt.deploy.domain.EnvCipher;
import fazt.deploy.domain.EnvVars;
import fazt.deploy.domain.ManageApps;
import fazt.deploy.domain.ManageDomains;
import fazt.deploy.domain.ManageEnv;
import fazt.deploy.domain.ManifestParser;
import fazt.deploy.domain.SeedBuiltinApps;
import fazt.deploy.domain.ServerCodeCheck;
import fazt.deploy.domain.SiteFiles;
import fazt.platform.service.BootstrapSettings;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.time.Clock;

/** Wires the plain-Java use cases to their adapters. */
@Factory
final class DeployBeans {
    @Singleton
    BundleLimits limits(DeployConfig config) {
        return config.limits();
    }

    @Singleton
    DeployBundle deployBundle(
            BundleLimits limits,
            Apps apps,
            SiteFiles files,
            AppEvents events,
            ServerCodeCheck check,
            DeployConfig config) {
        return new DeployBundle(
                new BundleReader(limits, null), new ManifestParser(), apps, files, events, check, config.keep());
    }

    @Singleton
    ManageEnv manageEnv(Apps apps, EnvVars vars, AppEvents events, BootstrapSettings settings) {
        return new ManageEnv(apps, vars, new EnvCipher(settings.masterKey()), events);
    }

    @Singleton
    ManageApps manageApps(Apps apps, SiteFiles files, AppEvents events, Domains domains, DomainEvents domainEvents) {
        return new ManageApps(apps, files, events, domains, domainEvents);
    }

    @Singleton
    ManageDomains manageDomains(
            ManageApps apps, Domains domains, DomainEvents events, DeployConfig config, BootstrapSettings settings) {
        String address = config.domainCheckAddress();
        DomainCheck check = new HttpDomainCheck(
                address == null || address.isBlank() ? null : HttpDomainCheck.address(address.strip()));
        return new ManageDomains(apps, domains, events, check, settings.domain(), Clock.systemUTC());
    }

    @Singleton
    SeedBuiltinApps seed(Apps apps, DeployBundle deploy) {
        return new SeedBuiltinApps(apps, deploy);
    }
}
