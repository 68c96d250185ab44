package fazt.runtime.web;

import fazt.platform.net.AddressPolicy;
import fazt.proto.runtime.HttpHeader;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * Performs the outbound HTTP requests of app code ({@code fetch}), pure Java and blocking (call it on a virtual
 * thread). Every hop resolves the host, refuses addresses {@link AddressPolicy} forbids, and connects to the very
 * address it checked (there is no second lookup a DNS rebinding could answer differently); redirects are followed
 * here, hop by hop, with the same check, at most {@link #MAX_REDIRECTS}. Hosts on the admin allow-list skip the
 * address check. Each call counts against the invocation's {@link FetchBudget}, runs within one timeout for all its
 * hops, and reads at most {@code maxResponseBytes} of body (after gzip/deflate decoding).
 */
public final class OutboundFetch {
    public static final int MAX_REDIRECTS = 20;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    public static final long DEFAULT_MAX_RESPONSE_BYTES = 10L * 1024 * 1024;

    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "fetch-deadline");
        t.setDaemon(true);
        return t;
    });

    private final Set<String> allowedHosts;
    private final Duration timeout;
    private final long maxResponseBytes;
    private final AddressPolicy.Resolver resolver;

    /**
     * @param allowedHosts host names (lower-case, as in the URL) an admin allowed even on private addresses
     * @param timeout the wall time one fetch may take, all redirects included
     * @param maxResponseBytes the largest (decoded) response body accepted
     */
    public OutboundFetch(Set<String> allowedHosts, Duration timeout, long maxResponseBytes) {
        this(allowedHosts, timeout, maxResponseBytes, InetAddress::getAllByName);
    }

    OutboundFetch(Set<String> allowedHosts, Duration timeout, long maxResponseBytes, AddressPolicy.Resolver resolver) {
        this.allowedHosts =
                allowedHosts.stream().map(h -> h.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        this.timeout = timeout;
        this.maxResponseBytes = maxResponseBytes;
        this.resolver = resolver;
    }

    /** Sends {@code request}; throws {@link FetchException} with the message the app's {@code TypeError} carries. */
    public OutboundResponse send(OutboundRequest request, FetchBudget budget) throws FetchException {
        return send(request, budget, ByteCharge.NONE);
    }

    /** {@link #send(OutboundRequest, FetchBudget)}, each body byte charged to {@code charge} before it is kept. */
    public OutboundResponse send(OutboundRequest request, FetchBudget budget, ByteCharge charge) throws FetchException {
        budget.take();
        long deadline = System.nanoTime() + timeout.toNanos();
        FetchTarget target = FetchTarget.parse(request.url());
        String method = request.method();
        byte[] body = request.body();
        List<HttpHeader> headers = new ArrayList<>(request.headers());
        boolean redirected = false;
        for (int hop = 0; ; hop++) {
            Http1Exchange.Response r = once(target, method, headers, body, deadline, charge);
            String location = r.header("location");
            boolean redirect = (r.status() == 301
                            || r.status() == 302
                            || r.status() == 303
                            || r.status() == 307
                            || r.status() == 308)
                    && location != null;
            if (!redirect || request.redirect() == OutboundRequest.Redirect.MANUAL) {
                return new OutboundResponse(r.status(), r.reason(), target.url(), redirected, r.headers(), r.body());
            }
            if (request.redirect() == OutboundRequest.Redirect.ERROR) {
                throw new FetchException("fetch to " + target.host() + " failed: redirect (" + r.status()
                        + ") while the request's redirect mode is \"error\"");
            }
            if (hop == MAX_REDIRECTS) {
                throw new FetchException(
                        "fetch to " + target.host() + " failed: more than " + MAX_REDIRECTS + " redirects");
            }
            FetchTarget next = FetchTarget.parse(target.resolve(location));
            if ((r.status() == 303 && !method.equals("HEAD"))
                    || ((r.status() == 301 || r.status() == 302) && method.equals("POST"))) {
                method = "GET";
                body = new byte[0];
                headers.removeIf(h -> h.name().toLowerCase(Locale.ROOT).startsWith("content-"));
            }
            if (!target.sameOrigin(next)) {
                // fetch drops credentials on a cross-origin redirect
                headers.removeIf(h -> h.name().equalsIgnoreCase("authorization")
                        || h.name().equalsIgnoreCase("cookie")
                        || h.name().equalsIgnoreCase("proxy-authorization"));
            }
            target = next;
            redirected = true;
        }
    }

    /**
     * {@link #send} on {@code executor} (use virtual threads); the future fails with a {@link FetchException} (wrapped
     * in a {@link java.util.concurrent.CompletionException}) whose message is the app's {@code TypeError} message.
     */
    public CompletableFuture<OutboundResponse> sendAsync(
            OutboundRequest request, FetchBudget budget, Executor executor) {
        return sendAsync(request, budget, ByteCharge.NONE, executor);
    }

    /** {@link #sendAsync(OutboundRequest, FetchBudget, Executor)} with the body charged to {@code charge}. */
    public CompletableFuture<OutboundResponse> sendAsync(
            OutboundRequest request, FetchBudget budget, ByteCharge charge, Executor executor) {
        return CompletableFuture.supplyAsync(
                () -> {
                    try {
                        return send(request, budget, charge);
                    } catch (FetchException e) {
                        throw new CompletionException(e);
                    }
                },
                executor);
    }

    private Http1Exchange.Response once(
            FetchTarget target, String method, List<HttpHeader> headers, byte[] body, long deadline, ByteCharge charge)
            throws FetchException {
        List<InetAddress> addresses = checkedAddresses(target.host());
        Socket socket = connect(target, addresses, deadline);
        // socket timeouts bound each read; the watchdog bounds the whole exchange (a trickling server cannot extend it)
        // the watchdog marks the expiry before it closes: the read it breaks must report a timeout, not a reset,
        // even when the clock has not quite reached the deadline (the delay is rounded to milliseconds)
        AtomicBoolean expired = new AtomicBoolean();
        ScheduledFuture<?> watchdog = WATCHDOG.schedule(
                () -> {
                    expired.set(true);
                    closeQuietly(socket);
                },
                Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())),
                TimeUnit.MILLISECONDS);
        try (socket) {
            Socket s = target.scheme().equals("https") ? tls(socket, target) : socket;
            return Http1Exchange.exchange(
                    s,
                    method,
                    target.hostHeader(),
                    target.target(),
                    headers,
                    body,
                    maxResponseBytes,
                    target.host(),
                    charge);
        } catch (SocketTimeoutException e) {
            throw timedOut(target);
        } catch (IOException e) {
            if (expired.get() || System.nanoTime() - deadline >= 0) {
                throw timedOut(target);
            }
            throw new FetchException("fetch to " + target.host() + " failed: " + describe(e), e);
        } finally {
            watchdog.cancel(false);
        }
    }

    /** The addresses of {@code host} this fetch may connect to; refuses when there are none. */
    private List<InetAddress> checkedAddresses(String host) throws FetchException {
        boolean allowListed = allowedHosts.contains(host);
        if (!allowListed) {
            String byName = AddressPolicy.refusedName(host);
            if (byName != null) {
                throw new FetchException("fetch to " + host + " refused: " + byName);
            }
        }
        InetAddress literal = AddressPolicy.literal(host);
        InetAddress[] resolved;
        try {
            resolved = literal != null ? new InetAddress[] {literal} : resolver.resolve(host);
        } catch (UnknownHostException e) {
            throw new FetchException("fetch to " + host + " failed: host not found");
        }
        if (allowListed) {
            return List.of(resolved);
        }
        List<InetAddress> allowed = new ArrayList<>();
        String firstRefusal = null;
        for (InetAddress a : resolved) {
            String reason = AddressPolicy.refusal(a);
            if (reason == null) {
                allowed.add(a);
            } else if (firstRefusal == null) {
                firstRefusal = literal != null ? reason : reason + " " + a.getHostAddress();
            }
        }
        if (allowed.isEmpty()) {
            throw new FetchException(
                    "fetch to " + host + " refused: " + (firstRefusal == null ? "no address" : firstRefusal));
        }
        return allowed;
    }

    private Socket connect(FetchTarget target, List<InetAddress> addresses, long deadline) throws FetchException {
        IOException last = null;
        for (InetAddress address : addresses) {
            Socket socket = new Socket();
            try {
                socket.connect(new InetSocketAddress(address, target.port()), (int) remainingMillis(deadline, target));
                socket.setSoTimeout((int) remainingMillis(deadline, target));
                return socket;
            } catch (SocketTimeoutException e) {
                closeQuietly(socket);
                throw timedOut(target);
            } catch (IOException e) {
                closeQuietly(socket);
                last = e;
            }
        }
        throw new FetchException("fetch to " + target.host() + " failed: " + describe(last), last);
    }

    private static Socket tls(Socket plain, FetchTarget target) throws IOException {
        SSLSocket tls = (SSLSocket) ((SSLSocketFactory) SSLSocketFactory.getDefault())
                .createSocket(plain, target.host(), target.port(), true);
        SSLParameters params = tls.getSSLParameters();
        // the certificate must match the URL's host even though the socket was connected to a checked address
        params.setEndpointIdentificationAlgorithm("HTTPS");
        if (AddressPolicy.literal(target.host()) == null) {
            params.setServerNames(List.of(new SNIHostName(target.host())));
        }
        tls.setSSLParameters(params);
        tls.startHandshake();
        return tls;
    }

    private long remainingMillis(long deadline, FetchTarget target) throws FetchException {
        long ms = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (ms <= 0) {
            throw timedOut(target);
        }
        return ms;
    }

    private FetchException timedOut(FetchTarget target) {
        return new FetchException("fetch to " + target.host() + " timed out after " + timeout.toMillis() + " ms");
    }

    private static String describe(IOException e) {
        if (e instanceof SSLException) {
            return "TLS handshake failed";
        }
        if (e instanceof ConnectException) {
            return "connection refused";
        }
        if (e instanceof SocketException) {
            return "connection reset";
        }
        return "I/O error";
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }
}
