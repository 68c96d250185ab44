package fazt.gateway.routing;

import fazt.platform.cache.BoundedCache;
import fazt.platform.nats.NatsRequester;
import fazt.proto.deploy.SiteReply;
import fazt.proto.storage.StorageSubjects;
import fazt.proto.storage.VfsFile;
import fazt.proto.storage.VfsStatReply;
import fazt.proto.storage.VfsStatRequest;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Finds what a site serves for a path, in this order: the manifest's redirects; the exact file; the {@code index.html}
 * of a directory (a path without its trailing slash is redirected to add it); the SPA entry when the manifest names
 * one; the site's own {@code 404.html} (status 404); else {@link Resolution.Missing}. All candidates go to storage in
 * one request, and answers are kept by namespace and path in a {@link BoundedCache} ({@code gateway.paths}) without
 * expiry: a namespace never changes once committed and is never reused, so a kept answer can never be stale, and an
 * app's event need not drop any (a new deploy or rollback means a new site, hence other keys; the entries of a
 * namespace no site serves any more are never asked for again and leave as the bound makes room). Only
 * {@link Resolution.Missing} answers leave after {@link #MISSING_TTL}: paths that name nothing (scanners' probes) are
 * rarely asked twice. {@code fazt.json} is never served.
 */
@Singleton
public final class PathResolver {
    static final Duration TIMEOUT = Duration.ofSeconds(5);
    static final int MAX_CACHED = 50_000;
    /** How long a path that names nothing is kept. */
    static final Duration MISSING_TTL = Duration.ofMinutes(1);

    static final String MANIFEST = "fazt.json";
    static final String NOT_FOUND_PAGE = "404.html";

    private final NatsRequester nats;
    private final BoundedCache<String, Resolution> cache;
    private final Map<String, Pattern> globs = new ConcurrentHashMap<>();

    PathResolver(NatsRequester nats, MeterRegistry metrics) {
        this.nats = nats;
        this.cache = BoundedCache.<String, Resolution>named("gateway.paths")
                .maxEntries(MAX_CACHED)
                .negativeFor(MISSING_TTL, r -> r instanceof Resolution.Missing)
                .build(metrics);
    }

    public CompletableFuture<Resolution> resolve(SiteReply site, SitePath path, String query) {
        Resolution redirect = redirect(site, path, query);
        if (redirect != null) {
            return CompletableFuture.completedFuture(redirect);
        }
        String key = site.namespace() + "\u0000" + path.path();
        return cache.get(key, k -> lookup(site, path)).thenApply(r -> withQuery(r, query));
    }

    /** Extra headers the manifest sets for {@code path}, in manifest order (later rules win). */
    public Map<String, String> headers(SiteReply site, SitePath path) {
        if (site.headers() == null || site.headers().isEmpty()) {
            return Map.of();
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (SiteReply.HeaderRule rule : site.headers()) {
            if (globs.computeIfAbsent(rule.path(), PathGlob::compile)
                    .matcher(path.path())
                    .matches()) {
                headers.putAll(rule.headers());
            }
        }
        return headers;
    }

    private CompletableFuture<Resolution> lookup(SiteReply site, SitePath path) {
        String relative = path.relative();
        boolean manifest = relative.equals(MANIFEST);
        List<String> candidates = new ArrayList<>();
        String exact = null;
        String index;
        if (relative.isEmpty() || path.isDirectory()) {
            index = relative + "index.html";
        } else {
            exact = relative;
            index = relative + "/index.html";
            if (!manifest && exact.length() <= StorageSubjects.MAX_VFS_PATH) {
                candidates.add(exact);
            }
        }
        if (index.length() <= StorageSubjects.MAX_VFS_PATH) {
            candidates.add(index); // a longer path names no file: the SPA entry or the 404 page answers it
        }
        if (site.spa() != null) {
            candidates.add(site.spa());
        }
        candidates.add(NOT_FOUND_PAGE);
        String exactPath = exact;
        return nats.request(
                        StorageSubjects.VFS_STAT,
                        new VfsStatRequest(site.namespace(), candidates),
                        VfsStatReply.class,
                        TIMEOUT)
                .thenApply(reply -> {
                    Map<String, VfsFile> found = new LinkedHashMap<>();
                    reply.found().forEach(f -> found.put(f.path(), f));
                    if (exactPath != null && !manifest && found.containsKey(exactPath)) {
                        return new Resolution.File(found.get(exactPath), 200);
                    }
                    if (found.containsKey(index)) {
                        return exactPath == null
                                ? new Resolution.File(found.get(index), 200)
                                : new Resolution.Redirect(path.path() + "/", 301);
                    }
                    if (site.spa() != null && found.containsKey(site.spa())) {
                        return new Resolution.File(found.get(site.spa()), 200);
                    }
                    if (found.containsKey(NOT_FOUND_PAGE)) {
                        return new Resolution.File(found.get(NOT_FOUND_PAGE), 404);
                    }
                    return new Resolution.Missing();
                });
    }

    private static Resolution withQuery(Resolution r, String query) {
        if (r instanceof Resolution.Redirect redirect
                && query != null
                && !query.isEmpty()
                && redirect.location().startsWith("/")
                && !redirect.location().contains("?")) {
            return new Resolution.Redirect(redirect.location() + "?" + query, redirect.status());
        }
        return r;
    }

    private static Resolution redirect(SiteReply site, SitePath path, String query) {
        if (site.redirects() == null) {
            return null;
        }
        for (SiteReply.Redirect r : site.redirects()) {
            String from = r.from();
            if (from.endsWith("*")) {
                String prefix = from.substring(0, from.length() - 1);
                if (path.path().startsWith(prefix)) {
                    String rest = path.path().substring(prefix.length());
                    String to = r.to().endsWith("*") ? r.to().substring(0, r.to().length() - 1) + rest : r.to();
                    return new Resolution.Redirect(to, r.status());
                }
            } else if (from.equals(path.path())) {
                return new Resolution.Redirect(r.to(), r.status());
            }
        }
        return null;
    }
}
