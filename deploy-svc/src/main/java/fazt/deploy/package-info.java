/**
 * The deploy service: the control plane of apps: bundles, versions, rollback, domains, env vars and secrets. Its beans load only in the deploy service's own context.
 */
@Configuration
@Requires(property = ServiceContext.SERVICE_PROPERTY, value = "deploy")
package fazt.deploy;

import fazt.platform.service.ServiceContext;
import io.micronaut.context.annotation.Configuration;
import io.micronaut.context.annotation.Requires;
