/**
 * The auth service: accounts, sessions and scoped tokens for the people who run fazt; OAuth/OIDC login for app users. Its beans load only in the auth service's own context.
 */
@Configuration
@Requires(property = ServiceContext.SERVICE_PROPERTY, value = "auth")
package fazt.auth;

import fazt.platform.service.ServiceContext;
import io.micronaut.context.annotation.Configuration;
import io.micronaut.context.annotation.Requires;
