package fazt.gateway.tls;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A certificate brought by its owner (ADR 28), checked before it is stored: the chain parses, the key parses and
 * belongs to the first certificate, that certificate covers the name (a DNS subject alternative name, or the
 * wildcard of its parent) and is valid now.
 */
record UploadedCertificate(String name, List<X509Certificate> chain, PrivateKey key) {
    static UploadedCertificate validate(String name, String chainPem, String keyPem, Instant now) {
        List<X509Certificate> chain = Pem.parseChain(chainPem);
        PrivateKey key = Pem.parseKey(keyPem);
        X509Certificate leaf = chain.getFirst();
        if (!keyMatches(leaf, key)) {
            throw new IllegalArgumentException("the key does not belong to the first certificate of the chain");
        }
        if (!covers(leaf, name)) {
            throw new IllegalArgumentException("the certificate does not name " + name);
        }
        if (now.isAfter(leaf.getNotAfter().toInstant())
                || now.isBefore(leaf.getNotBefore().toInstant())) {
            throw new IllegalArgumentException("the certificate is not valid now (valid "
                    + leaf.getNotBefore().toInstant() + " to "
                    + leaf.getNotAfter().toInstant() + ")");
        }
        return new UploadedCertificate(name, chain, key);
    }

    /** Signs a probe with {@code key} and checks it with the certificate's public key. */
    static boolean keyMatches(X509Certificate certificate, PrivateKey key) {
        String algorithm =
                switch (key.getAlgorithm()) {
                    case "EC", "ECDSA" -> "SHA256withECDSA";
                    case "RSA" -> "SHA256withRSA";
                    case "Ed25519", "EdDSA" -> "Ed25519";
                    default -> null;
                };
        if (algorithm == null) {
            return false;
        }
        try {
            byte[] probe = "fazt certificate key check".getBytes(StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    static boolean covers(X509Certificate certificate, String name) {
        for (String dns : dnsNames(certificate)) {
            String pattern = dns.toLowerCase(Locale.ROOT);
            if (pattern.equals(name)) {
                return true;
            }
            int dot = name.indexOf('.');
            if (pattern.startsWith("*.") && dot > 0 && pattern.substring(1).equals(name.substring(dot))) {
                return true;
            }
        }
        return false;
    }

    private static List<String> dnsNames(X509Certificate certificate) {
        List<String> names = new ArrayList<>();
        try {
            if (certificate.getSubjectAlternativeNames() != null) {
                for (List<?> entry : certificate.getSubjectAlternativeNames()) {
                    if (Integer.valueOf(2).equals(entry.get(0))) {
                        names.add((String) entry.get(1));
                    }
                }
            }
        } catch (CertificateParsingException e) {
            return List.of();
        }
        return names;
    }
}
