/**
 * The storage service: files, blobs, per-app KV and JSON documents, WebDAV and backups. Its beans load only in the storage service's own context.
 */
@Configuration
@Requires(property = ServiceContext.SERVICE_PROPERTY, value = "storage")
package fazt.storage;

import fazt.platform.service.ServiceContext;
import io.micronaut.context.annotation.Configuration;
import io.micronaut.context.annotation.Requires;
