package dev.skein.cdk;

import java.util.Objects;

/**
 * A domain name of the team's own for the HTTP API, e.g. {@code traces.example.com}, with an ACM
 * certificate for it in the stack's region. The stack maps the domain to the API; the DNS record
 * (a CNAME or alias to the API's regional domain name, printed as an output) stays with whoever
 * owns the zone, so synthesis needs no hosted-zone lookup.
 *
 * @param domainName the fully qualified domain name
 * @param certificateArn an issued ACM certificate covering {@code domainName}, in the same region
 */
public record CustomDomain(String domainName, String certificateArn) {
    public CustomDomain {
        Objects.requireNonNull(domainName, "domainName");
        Objects.requireNonNull(certificateArn, "certificateArn");
        if (domainName.isBlank() || domainName.contains("/") || domainName.contains(":")) {
            throw new IllegalArgumentException("a custom domain is a host name such as traces.example.com, got '" + domainName + "'");
        }
        if (!certificateArn.startsWith("arn:") || !certificateArn.contains(":acm:")) {
            throw new IllegalArgumentException("certificateArn must be an ACM certificate ARN, got '" + certificateArn + "'");
        }
    }
}
