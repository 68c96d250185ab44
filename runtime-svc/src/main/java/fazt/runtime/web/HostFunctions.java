package fazt.runtime.web;

import fazt.proto.runtime.HttpHeader;
import java.net.IDN;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyExecutable;
import org.graalvm.polyglot.proxy.ProxyObject;

/**
 * The {@code host} object the web scripts receive (never a global): every Java capability the web platform uses,
 * as proxies, which are all that crosses into a {@code HostAccess.NONE} context.
 */
final class HostFunctions {
    private HostFunctions() {}

    static ProxyObject of(WebHost host) {
        Map<String, Object> functions = new HashMap<>();
        functions.put("log", (ProxyExecutable) a -> {
            host.log(a[0].asString(), a[1].asString());
            return null;
        });
        functions.put("setTimer", (ProxyExecutable) a -> host.setTimer(a[0].asLong(), a[1]));
        functions.put("clearTimer", (ProxyExecutable) a -> {
            host.clearTimer(a[0].asLong());
            return null;
        });
        functions.put("fetch", (ProxyExecutable) a -> {
            host.fetch(outbound(a), a[5], a[6]);
            return null;
        });
        functions.put("randomBytes", (ProxyExecutable) a -> JsBytes.toLatin1(WebCrypto.randomBytes(a[0].asInt())));
        functions.put("digest", (ProxyExecutable)
                a -> JsBytes.toLatin1(WebCrypto.digest(a[0].asString(), JsBytes.toJava(a[1]))));
        functions.put("hmac", (ProxyExecutable)
                a -> JsBytes.toLatin1(WebCrypto.hmac(a[0].asString(), JsBytes.toJava(a[1]), JsBytes.toJava(a[2]))));
        functions.put("monotonicMillis", (ProxyExecutable) a -> System.nanoTime() / 1_000_000.0);
        functions.put("utf8EncodeBase64", (ProxyExecutable)
                a -> Base64.getEncoder().encodeToString(Utf8.encode(a[0].asString())));
        functions.put("utf8Decode", (ProxyExecutable) a -> Utf8.decode(JsBytes.toJava(a[0]), a[1].asBoolean()));
        functions.put("domainToAscii", (ProxyExecutable) a -> domainToAscii(a[0].asString()));
        return ProxyObject.fromMap(Map.copyOf(functions));
    }

    /** fetch(method, url, flatHeaders, bodyBytes, redirect, resolve, reject) from fetch.js. */
    private static OutboundRequest outbound(Value[] a) {
        Value flat = a[2];
        List<HttpHeader> headers = new ArrayList<>((int) flat.getArraySize() / 2);
        for (long i = 0; i + 1 < flat.getArraySize(); i += 2) {
            headers.add(new HttpHeader(
                    flat.getArrayElement(i).asString(),
                    flat.getArrayElement(i + 1).asString()));
        }
        OutboundRequest.Redirect redirect =
                OutboundRequest.Redirect.valueOf(a[4].asString().toUpperCase(Locale.ROOT));
        return new OutboundRequest(a[0].asString(), a[1].asString(), headers, JsBytes.toJava(a[3]), redirect);
    }

    /** IDNA ToASCII of a non-ASCII domain (JDK IDNA 2003; UTS 46 mapping differs for a few characters); null if invalid. */
    static String domainToAscii(String domain) {
        try {
            String ascii = IDN.toASCII(domain, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
            return ascii.isEmpty() ? null : ascii;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
