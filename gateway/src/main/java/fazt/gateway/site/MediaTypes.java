package fazt.gateway.site;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The {@code Content-Type} of a static file from its extension, and whether that type is worth compressing. Text
 * types carry {@code charset=utf-8}, since sites are built as UTF-8 and browsers would otherwise guess. Anything
 * unknown is {@code application/octet-stream}: with {@code nosniff} a browser then downloads it rather than running
 * or rendering a guess.
 */
final class MediaTypes {
    static final String OCTET_STREAM = "application/octet-stream";
    private static final String UTF8 = "; charset=utf-8";

    private static final Map<String, String> BY_EXTENSION = Map.ofEntries(
            // documents and code
            Map.entry("html", "text/html" + UTF8),
            Map.entry("htm", "text/html" + UTF8),
            Map.entry("xhtml", "application/xhtml+xml" + UTF8),
            Map.entry("css", "text/css" + UTF8),
            Map.entry("js", "text/javascript" + UTF8), // RFC 9239
            Map.entry("mjs", "text/javascript" + UTF8),
            Map.entry("cjs", "text/javascript" + UTF8),
            Map.entry("json", "application/json"), // RFC 8259: JSON is UTF-8 and has no charset parameter
            Map.entry("map", "application/json"),
            Map.entry("jsonld", "application/ld+json"),
            Map.entry("webmanifest", "application/manifest+json"),
            Map.entry("txt", "text/plain" + UTF8),
            Map.entry("md", "text/markdown" + UTF8),
            Map.entry("markdown", "text/markdown" + UTF8),
            Map.entry("csv", "text/csv" + UTF8),
            Map.entry("tsv", "text/tab-separated-values" + UTF8),
            Map.entry("xml", "text/xml" + UTF8),
            Map.entry("xsl", "text/xml" + UTF8),
            Map.entry("rss", "application/rss+xml" + UTF8),
            Map.entry("atom", "application/atom+xml" + UTF8),
            Map.entry("ics", "text/calendar" + UTF8),
            Map.entry("vtt", "text/vtt" + UTF8),
            Map.entry("yaml", "application/yaml" + UTF8),
            Map.entry("yml", "application/yaml" + UTF8),
            Map.entry("toml", "application/toml" + UTF8),
            Map.entry("wasm", "application/wasm"),
            Map.entry("pdf", "application/pdf"),
            // images
            Map.entry("svg", "image/svg+xml"),
            Map.entry("png", "image/png"),
            Map.entry("apng", "image/apng"),
            Map.entry("jpg", "image/jpeg"),
            Map.entry("jpeg", "image/jpeg"),
            Map.entry("gif", "image/gif"),
            Map.entry("webp", "image/webp"),
            Map.entry("avif", "image/avif"),
            Map.entry("jxl", "image/jxl"),
            Map.entry("bmp", "image/bmp"),
            Map.entry("ico", "image/x-icon"),
            Map.entry("cur", "image/x-icon"),
            Map.entry("tif", "image/tiff"),
            Map.entry("tiff", "image/tiff"),
            // fonts
            Map.entry("woff", "font/woff"),
            Map.entry("woff2", "font/woff2"),
            Map.entry("ttf", "font/ttf"),
            Map.entry("otf", "font/otf"),
            Map.entry("eot", "application/vnd.ms-fontobject"),
            // audio and video
            Map.entry("mp4", "video/mp4"),
            Map.entry("m4v", "video/mp4"),
            Map.entry("webm", "video/webm"),
            Map.entry("ogv", "video/ogg"),
            Map.entry("mov", "video/quicktime"),
            Map.entry("mp3", "audio/mpeg"),
            Map.entry("m4a", "audio/mp4"),
            Map.entry("aac", "audio/aac"),
            Map.entry("ogg", "audio/ogg"),
            Map.entry("oga", "audio/ogg"),
            Map.entry("opus", "audio/ogg"),
            Map.entry("wav", "audio/wav"),
            Map.entry("flac", "audio/flac"),
            Map.entry("m3u8", "application/vnd.apple.mpegurl"),
            // archives
            Map.entry("zip", "application/zip"),
            Map.entry("gz", "application/gzip"),
            Map.entry("tgz", "application/gzip"),
            Map.entry("tar", "application/x-tar"),
            Map.entry("7z", "application/x-7z-compressed"),
            Map.entry("epub", "application/epub+zip"));

    /** Types outside {@code text/*}, {@code +json} and {@code +xml} that compress well (not already compressed). */
    private static final Set<String> COMPRESSIBLE = Set.of(
            "text/javascript",
            "application/json",
            "application/wasm",
            "application/yaml",
            "application/toml",
            "image/svg+xml",
            "image/x-icon",
            "image/bmp",
            "font/ttf",
            "font/otf",
            "application/vnd.ms-fontobject",
            "application/vnd.apple.mpegurl");

    private MediaTypes() {}

    /** The media type for {@code path}, by its extension (case-insensitive). */
    static String of(String path) {
        String extension = extension(path);
        return extension == null ? OCTET_STREAM : BY_EXTENSION.getOrDefault(extension, OCTET_STREAM);
    }

    /** Whether bodies of {@code contentType} shrink enough under gzip or brotli to be worth compressing. */
    static boolean compressible(String contentType) {
        int semicolon = contentType.indexOf(';');
        String type = (semicolon < 0 ? contentType : contentType.substring(0, semicolon))
                .trim()
                .toLowerCase(Locale.ROOT);
        return type.startsWith("text/")
                || type.endsWith("+json")
                || type.endsWith("+xml")
                || COMPRESSIBLE.contains(type);
    }

    /** Whether browsers treat {@code contentType} as a page (HTML), which must always be revalidated. */
    static boolean isHtml(String contentType) {
        return contentType.startsWith("text/html") || contentType.startsWith("application/xhtml+xml");
    }

    /** The lower-case extension of the last path segment, or null when it has none. */
    static String extension(String path) {
        int slash = path.lastIndexOf('/');
        int dot = path.lastIndexOf('.');
        if (dot <= slash + 1 || dot == path.length() - 1) {
            return null; // no dot, a dot-file such as ".htaccess", or a trailing dot
        }
        return path.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
