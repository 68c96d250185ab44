/**
 * The mail service: SMTP in, relay out with a durable retry queue, mail routed to apps. Its beans load only in the mail service's own context.
 */
@Configuration
@Requires(property = ServiceContext.SERVICE_PROPERTY, value = "mail")
package fazt.mail;

import fazt.platform.service.ServiceContext;
import io.micronaut.context.annotation.Configuration;
import io.micronaut.context.annotation.Requires;
