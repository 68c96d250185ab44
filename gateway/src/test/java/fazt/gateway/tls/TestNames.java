package fazt.gateway.tls;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.net.spi.InetAddressResolver;
import java.net.spi.InetAddressResolverProvider;
import java.util.stream.Stream;

/**
 * The test JVM's name resolution (a JDK resolver provider, registered in {@code META-INF/services}): the names the
 * TLS tests use ({@code *.fazt.test}, {@code *.example.net}) are 127.0.0.1, so clients that resolve names themselves
 * (java.net.http) reach the gateway by name, with SNI and name checks; every other name goes to the system.
 */
public final class TestNames extends InetAddressResolverProvider {
    @Override
    public InetAddressResolver get(Configuration configuration) {
        InetAddressResolver system = configuration.builtinResolver();
        return new InetAddressResolver() {
            @Override
            public Stream<InetAddress> lookupByName(String host, LookupPolicy policy) throws UnknownHostException {
                if (host.endsWith(".fazt.test") || host.endsWith(".example.net")) {
                    return Stream.of(InetAddress.getByAddress(host, new byte[] {127, 0, 0, 1}));
                }
                return system.lookupByName(host, policy);
            }

            @Override
            public String lookupByAddress(byte[] address) throws UnknownHostException {
                return system.lookupByAddress(address);
            }
        };
    }

    @Override
    public String name() {
        return "fazt-test-names";
    }
}
