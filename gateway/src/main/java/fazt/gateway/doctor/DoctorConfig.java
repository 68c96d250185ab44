package fazt.gateway.doctor;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import java.net.UnknownHostException;
import java.util.LinkedHashSet;
import java.util.Set;
import org.xbill.DNS.Address;

/**
 * {@code fazt doctor}'s settings (ADR 40). {@code publicAddress}: {@code FAZT_PUBLIC_ADDRESS}, the addresses custom
 * domains must point at (comma-separated IPs); unset, the addresses {@code admin.<FAZT_DOMAIN>} resolves to.
 * {@code dns}: {@code FAZT_DOCTOR_DNS}, the DNS server ({@code host:port}) of those lookups; unset, the system's.
 */
@ConfigurationProperties("gateway.doctor")
public record DoctorConfig(
        @Nullable String publicAddress, @Nullable String dns) {
    /** {@code FAZT_PUBLIC_ADDRESS}'s addresses in their canonical form; fails on anything but IP literals. */
    public static Set<String> addresses(String value) {
        Set<String> addresses = new LinkedHashSet<>();
        for (String address : value.split(",")) {
            String literal = address.strip();
            try {
                if (literal.isEmpty() || !(Address.isDottedQuad(literal) || literal.contains(":"))) {
                    throw new UnknownHostException(literal);
                }
                addresses.add(Address.getByAddress(literal).getHostAddress());
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException(
                        "expected comma-separated IP addresses such as 203.0.113.7,2001:db8::7, got \"" + literal
                                + "\"");
            }
        }
        return addresses;
    }
}
