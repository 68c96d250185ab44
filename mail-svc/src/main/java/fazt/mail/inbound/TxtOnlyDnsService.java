package fazt.mail.inbound;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.james.jspf.core.DNSRequest;
import org.apache.james.jspf.core.exceptions.TimeoutException;
import org.apache.james.jspf.impl.DNSServiceXBillImpl;
import org.xbill.DNS.Resolver;

/**
 * jSPF's dnsjava service without lookups of the retired SPF record type (99): RFC 7208 3.1 publishes SPF in TXT
 * only and forbids checking type 99, and a server that answers it with NOTIMP or SERVFAIL would turn every check
 * into a {@code temperror}. jSPF 1.0.5 still asks type 99 first; this answers it with no records.
 */
final class TxtOnlyDnsService extends DNSServiceXBillImpl {
    TxtOnlyDnsService(Resolver resolver) {
        super(resolver);
    }

    @Override
    public List<String> getRecords(DNSRequest request) throws TimeoutException {
        return request.getRecordType() == DNSRequest.SPF ? List.of() : super.getRecords(request);
    }

    @Override
    public CompletionStage<List<String>> getRecordsAsync(DNSRequest request) {
        return request.getRecordType() == DNSRequest.SPF
                ? CompletableFuture.completedFuture(List.of())
                : super.getRecordsAsync(request);
    }
}
