package fazt.scheduler.domain;

import static org.assertj.core.api.Assertions.assertThat;

import fazt.proto.runtime.HttpHeader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WebhookSignatureTest {
    private static final Instant NOW = Instant.ofEpochSecond(1_700_000_100);

    private static String refusal(String scheme, String secret, String header, String value, String body) {
        List<HttpHeader> headers = header == null ? List.of() : List.of(new HttpHeader(header, value));
        return WebhookSignature.refusal(
                scheme, secret.getBytes(StandardCharsets.UTF_8), headers, body.getBytes(StandardCharsets.UTF_8), NOW);
    }

    // GitHub's documented example (docs.github.com, "Validating webhook deliveries"), and openssl-computed Stripe ones:
    // printf '1700000000.{"id":"evt_1"}' | openssl dgst -sha256 -hmac whsec_test
    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            nullValues = "NULL",
            value = {
                "github | It's a Secret to Everybody | X-Hub-Signature-256 | sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17 | Hello, World! | NULL",
                "github | It's a Secret to Everybody | x-hub-signature-256 | sha256=757107EA0EB2509FC211221CCE984B8A37570B6D7586C22C46F4379C8B043E17 | Hello, World! | NULL",
                "github | It's a Secret to Everybody | X-Hub-Signature-256 | sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17 | Hello, World? | signature does not match",
                "github | another secret             | X-Hub-Signature-256 | sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17 | Hello, World! | signature does not match",
                "github | It's a Secret to Everybody | X-Hub-Signature-256 | sha1=757107ea0eb2509fc211221cce984b8a37570b6d | Hello, World! | X-Hub-Signature-256 is not sha256=<hex>",
                "github | It's a Secret to Everybody | X-Hub-Signature-256 | sha256=zz | Hello, World! | signature does not match",
                "github | It's a Secret to Everybody | NULL                | NULL | Hello, World! | missing X-Hub-Signature-256 header",
                "stripe | whsec_test | Stripe-Signature | t=1700000000,v1=c89214b5b5da833daed6f0b8c5bb6bd58cea9022bd80ccc78230f3942d632925 | {\"id\":\"evt_1\"} | NULL",
                "stripe | whsec_test | Stripe-Signature | t=1700000000,v1=00,v1=c89214b5b5da833daed6f0b8c5bb6bd58cea9022bd80ccc78230f3942d632925 | {\"id\":\"evt_1\"} | NULL",
                "stripe | whsec_test | Stripe-Signature | t=1700000001,v1=c89214b5b5da833daed6f0b8c5bb6bd58cea9022bd80ccc78230f3942d632925 | {\"id\":\"evt_1\"} | signature does not match",
                "stripe | whsec_test | Stripe-Signature | t=1699999000,v1=c89214b5b5da833daed6f0b8c5bb6bd58cea9022bd80ccc78230f3942d632925 | {\"id\":\"evt_1\"} | Stripe-Signature timestamp is outside the tolerance of 5 minutes",
                "stripe | whsec_test | Stripe-Signature | v1=c89214b5b5da833daed6f0b8c5bb6bd58cea9022bd80ccc78230f3942d632925 | {\"id\":\"evt_1\"} | Stripe-Signature has no t=<unix seconds>",
                "stripe | whsec_test | Stripe-Signature | t=1700000000 | {\"id\":\"evt_1\"} | Stripe-Signature has no v1 signature",
                "stripe | whsec_test | NULL             | NULL | {\"id\":\"evt_1\"} | missing Stripe-Signature header",
                "none   | x          | NULL             | NULL | anything | NULL"
            })
    void verifiesSignatures(String scheme, String secret, String header, String value, String body, String refusal) {
        assertThat(refusal(scheme, secret, header, value, body)).isEqualTo(refusal);
    }
}
