/**
 * The runtime service: runs app JavaScript for HTTP, cron, email, webhook and async events; stateless, scaled out. Its beans load only in the runtime service's own context.
 */
@Configuration
@Requires(property = ServiceContext.SERVICE_PROPERTY, value = "runtime")
package fazt.runtime;

import fazt.platform.service.ServiceContext;
import io.micronaut.context.annotation.Configuration;
import io.micronaut.context.annotation.Requires;
