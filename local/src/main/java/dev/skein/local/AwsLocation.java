package dev.skein.local;

import java.net.URI;
import java.util.Objects;

/** Where skein-local finds Kinesis, DynamoDB, S3 and SQS; the handlers and pollers are the same. */
public sealed interface AwsLocation {
    /** The emulators, started in and by this process (the default); data under the data directory. */
    record Emulators() implements AwsLocation {
    }

    /**
     * One endpoint for every service, as LocalStack offers: the stream, table, bucket and queues
     * get the emulators' names and are created when missing.
     */
    record Endpoint(URI endpoint) implements AwsLocation {
        public Endpoint {
            Objects.requireNonNull(endpoint, "endpoint");
            if (!"http".equals(endpoint.getScheme()) && !"https".equals(endpoint.getScheme())
                    || endpoint.getHost() == null) {
                throw new IllegalArgumentException("an AWS endpoint is an http(s) URL such as "
                        + "http://localhost:4566, got '" + endpoint + "'");
            }
        }
    }

    /**
     * The account and region of the SDK's default credentials and region chains. Nothing is
     * created there: the resources must exist (the CDK stack creates them).
     */
    record RealAws(AwsResourceNames names) implements AwsLocation {
        public RealAws {
            Objects.requireNonNull(names, "names");
        }
    }
}
