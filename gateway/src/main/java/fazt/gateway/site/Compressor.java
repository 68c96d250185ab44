package fazt.gateway.site;

import com.aayushatharva.brotli4j.Brotli4jLoader;
import com.aayushatharva.brotli4j.encoder.Encoder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compresses whole bodies with gzip or brotli. A body is compressed once per digest and the result cached, so the
 * levels lean to size, except that the first request waits for it: brotli's best quality (11) runs at about 0.6 MB/s,
 * fine for the small files that are most of a site, a second or more for a large bundle. Larger bodies get quality 9,
 * about 20 times faster for some 15 % more bytes; gzip likewise 9, then 6.
 */
final class Compressor {
    /** Bodies up to this size get the best (slowest) levels. */
    static final int BEST_LEVEL_MAX = 128 * 1024;

    static final int BROTLI_BEST = 11;
    static final int BROTLI_LARGE = 9;
    static final int GZIP_BEST = Deflater.BEST_COMPRESSION;
    static final int GZIP_LARGE = 6;

    private static final Logger log = LoggerFactory.getLogger(Compressor.class);
    private static final boolean BROTLI_AVAILABLE = loadBrotli();

    private Compressor() {}

    /** Whether brotli's native library loaded on this machine; without it, compressible files are served gzipped. */
    static boolean brotliAvailable() {
        return BROTLI_AVAILABLE;
    }

    /**
     * A small pool for compression, which is CPU work that must stay off event loops and off the NATS threads that
     * complete reads. Half the cores: serving cached bodies matters more than compressing new ones quickly.
     */
    static ExecutorService newExecutor() {
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
        return Executors.newFixedThreadPool(
                threads,
                Thread.ofPlatform().name("site-compress-", 0).daemon(true).factory());
    }

    static byte[] compress(byte[] body, ContentCoding coding, String contentType) {
        boolean small = body.length <= BEST_LEVEL_MAX;
        return switch (coding) {
            case BROTLI -> brotli(body, small ? BROTLI_BEST : BROTLI_LARGE, contentType);
            case GZIP -> gzip(body, small ? GZIP_BEST : GZIP_LARGE);
            case IDENTITY -> body;
        };
    }

    private static byte[] brotli(byte[] body, int quality, String contentType) {
        Encoder.Mode mode = contentType.startsWith("font/")
                ? Encoder.Mode.FONT
                : contentType.startsWith("application/wasm") ? Encoder.Mode.GENERIC : Encoder.Mode.TEXT;
        try {
            return Encoder.compress(
                    body, new Encoder.Parameters().setQuality(quality).setMode(mode));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] gzip(byte[] body, int level) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, body.length / 3));
        try (GZIPOutputStream gzip = new GZIPOutputStream(out, 64 * 1024) {
            {
                def.setLevel(level);
            }
        }) {
            gzip.write(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // cannot happen writing to memory
        }
        return out.toByteArray();
    }

    private static boolean loadBrotli() {
        try {
            if (Brotli4jLoader.isAvailable()) {
                return true;
            }
            log.warn(
                    "brotli unavailable, serving gzip only cause={}",
                    Brotli4jLoader.getUnavailabilityCause().toString());
        } catch (LinkageError e) {
            log.warn("brotli unavailable, serving gzip only cause={}", e.toString());
        }
        return false;
    }
}
