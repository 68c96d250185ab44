/**
 * The scheduler service: cron and interval triggers, async runs with retries and replay, webhooks. Its beans load only in the scheduler service's own context.
 */
@Configuration
@Requires(property = ServiceContext.SERVICE_PROPERTY, value = "scheduler")
package fazt.scheduler;

import fazt.platform.service.ServiceContext;
import io.micronaut.context.annotation.Configuration;
import io.micronaut.context.annotation.Requires;
