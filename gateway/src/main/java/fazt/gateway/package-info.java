/**
 * The gateway: the suite's only public HTTP ingress. Its beans load only in the gateway's own context.
 */
@Configuration
@Requires(property = ServiceContext.SERVICE_PROPERTY, value = "gateway")
package fazt.gateway;

import fazt.platform.service.ServiceContext;
import io.micronaut.context.annotation.Configuration;
import io.micronaut.context.annotation.Requires;
