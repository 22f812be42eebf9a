package dev.skein.cdk;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.aws_apigatewayv2_authorizers.HttpLambdaAuthorizer;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.sns.ITopic;

/**
 * Everything a {@link Skein} can be told, with defaults that deploy a working, secure Skein:
 * {@code SkeinProps.builder().build()} is a valid configuration. Every value is checked when
 * {@link Builder#build()} runs, against the limits of the AWS service or the function that uses
 * it, so a bad value fails synthesis instead of a deploy or a cold start.
 */
public final class SkeinProps {
    /** A Lambda event carries at most 6 MB; a binary body arrives base64-encoded (4/3 larger). */
    public static final int MAX_BODY_BYTES_LIMIT = 4 * 1024 * 1024;
    /** The longest SQS message delay, which is how a trace's idle period is waited out. */
    static final int MAX_IDLE_SECONDS = 900;
    /** How long the span stream keeps records (Kinesis's default, included in its price). */
    static final Duration STREAM_RETENTION = Duration.hours(24);
    /** API Gateway caches an authorizer's answers for at most an hour. */
    static final int MAX_AUTHORIZER_CACHE_SECONDS = 3600;
    /**
     * Lambda allows 4 KB of environment per function, names and values together; the quotas
     * may take most of it, the rest is the functions' other settings.
     */
    static final int MAX_QUOTAS_JSON_BYTES = 3 * 1024;
    /** What a tenant ID is (dev.skein.model.Tenants). */
    private static final String TENANT_ID = "[A-Za-z0-9_.-]{1,64}";

    private final int retentionDays;
    private final Duration idlePeriod;
    private final StreamCapacity streamCapacity;
    private final Architecture architecture;
    private final Map<FunctionKind, Integer> memoryMb;
    private final int assemblerBatchSize;
    private final Duration assemblerBatchingWindow;
    private final int parallelizationFactor;
    private final int streamRetryAttempts;
    private final Duration streamMaxRecordAge;
    private final int finalizerBatchSize;
    private final Duration finalizerBatchingWindow;
    private final int searchShards;
    private final int maxBodyBytes;
    private final int maxSpansPerRequest;
    private final List<String> autocompleteKeys;
    private final List<String> corsOrigins;
    private final String defaultTenant;
    private final HttpLambdaAuthorizer authorizer;
    private final Duration authorizerCacheTtl;
    private final TenantQuota defaultQuota;
    private final Map<String, TenantQuota> tenantQuotas;
    private final CustomDomain customDomain;
    private final String alarmEmail;
    private final ITopic alarmTopic;
    private final RetentionDays logRetention;
    private final RemovalPolicy dataRemovalPolicy;
    private final FunctionJars functionJars;

    private SkeinProps(Builder b) {
        retentionDays = b.retentionDays;
        idlePeriod = b.idlePeriod;
        streamCapacity = b.streamCapacity;
        architecture = b.architecture;
        memoryMb = Map.copyOf(b.memoryMb);
        assemblerBatchSize = b.assemblerBatchSize;
        assemblerBatchingWindow = b.assemblerBatchingWindow;
        parallelizationFactor = b.parallelizationFactor;
        streamRetryAttempts = b.streamRetryAttempts;
        streamMaxRecordAge = b.streamMaxRecordAge;
        finalizerBatchSize = b.finalizerBatchSize;
        finalizerBatchingWindow = b.finalizerBatchingWindow;
        searchShards = b.searchShards;
        maxBodyBytes = b.maxBodyBytes;
        maxSpansPerRequest = b.maxSpansPerRequest;
        autocompleteKeys = b.autocompleteKeys == null ? null : List.copyOf(b.autocompleteKeys);
        corsOrigins = List.copyOf(b.corsOrigins);
        defaultTenant = b.defaultTenant;
        authorizer = b.authorizer;
        authorizerCacheTtl = b.authorizerCacheTtl;
        defaultQuota = b.defaultQuota;
        tenantQuotas = Collections.unmodifiableMap(new LinkedHashMap<>(b.tenantQuotas));
        customDomain = b.customDomain;
        alarmEmail = b.alarmEmail;
        alarmTopic = b.alarmTopic;
        logRetention = b.logRetention;
        dataRemovalPolicy = b.dataRemovalPolicy;
        functionJars = b.functionJars;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Days traces are kept: the index's TTL, the bucket's lifecycle and the query window. */
    public int retentionDays() {
        return retentionDays;
    }

    /** A trace is finalized once no spans arrived for this long. */
    public Duration idlePeriod() {
        return idlePeriod;
    }

    public StreamCapacity streamCapacity() {
        return streamCapacity;
    }

    public Architecture architecture() {
        return architecture;
    }

    public int memoryMb(FunctionKind kind) {
        return memoryMb.get(kind);
    }

    public int assemblerBatchSize() {
        return assemblerBatchSize;
    }

    public Duration assemblerBatchingWindow() {
        return assemblerBatchingWindow;
    }

    public int parallelizationFactor() {
        return parallelizationFactor;
    }

    public int streamRetryAttempts() {
        return streamRetryAttempts;
    }

    public Duration streamMaxRecordAge() {
        return streamMaxRecordAge;
    }

    public int finalizerBatchSize() {
        return finalizerBatchSize;
    }

    public Duration finalizerBatchingWindow() {
        return finalizerBatchingWindow;
    }

    public int searchShards() {
        return searchShards;
    }

    public int maxBodyBytes() {
        return maxBodyBytes;
    }

    public int maxSpansPerRequest() {
        return maxSpansPerRequest;
    }

    /** Empty: the functions' own default list. */
    public Optional<List<String>> autocompleteKeys() {
        return Optional.ofNullable(autocompleteKeys);
    }

    public List<String> corsOrigins() {
        return corsOrigins;
    }

    /** The tenant the first API key is made for ({@link Skein#getCreateFirstKeyCommand()}). */
    public String defaultTenant() {
        return defaultTenant;
    }

    /** A team's own authorizer in place of Skein's; empty: Skein's API-key authorizer. */
    public Optional<HttpLambdaAuthorizer> authorizer() {
        return Optional.ofNullable(authorizer);
    }

    /** How long API Gateway, and Skein's authorizer itself, keep an answer about a key. */
    public Duration authorizerCacheTtl() {
        return authorizerCacheTtl;
    }

    /** Empty: the functions' built-in default quota. */
    public Optional<TenantQuota> defaultQuota() {
        return Optional.ofNullable(defaultQuota);
    }

    /** Tenant ID → what differs from the default quota for that tenant, in the order given. */
    public Map<String, TenantQuota> tenantQuotas() {
        return tenantQuotas;
    }

    /** {@code SKEIN_QUOTAS} for ingest and query; empty when no quota was set. */
    Optional<String> quotasJson() {
        return TenantQuota.settingsJson(defaultQuota, tenantQuotas);
    }

    public Optional<CustomDomain> customDomain() {
        return Optional.ofNullable(customDomain);
    }

    public Optional<String> alarmEmail() {
        return Optional.ofNullable(alarmEmail);
    }

    public Optional<ITopic> alarmTopic() {
        return Optional.ofNullable(alarmTopic);
    }

    public RetentionDays logRetention() {
        return logRetention;
    }

    public RemovalPolicy dataRemovalPolicy() {
        return dataRemovalPolicy;
    }

    public FunctionJars functionJars() {
        return functionJars;
    }

    /** Defaults as documented on each setter; {@link #build()} checks every value. */
    public static final class Builder {
        private int retentionDays = 30;
        private Duration idlePeriod = Duration.seconds(10);
        private StreamCapacity streamCapacity = StreamCapacity.onDemand();
        private Architecture architecture = Architecture.ARM_64;
        private final Map<FunctionKind, Integer> memoryMb = new EnumMap<>(Map.of(
                FunctionKind.INGEST, 1024, FunctionKind.ASSEMBLER, 1024,
                FunctionKind.FINALIZER, 1024, FunctionKind.QUERY, 1024, FunctionKind.AUTHORIZER, 512));
        private int assemblerBatchSize = 100;
        private Duration assemblerBatchingWindow = Duration.seconds(10);
        private int parallelizationFactor = 1;
        private int streamRetryAttempts = 5;
        private Duration streamMaxRecordAge = Duration.hours(6);
        private int finalizerBatchSize = 10;
        private Duration finalizerBatchingWindow = Duration.seconds(0);
        private int searchShards = 4;
        private int maxBodyBytes = MAX_BODY_BYTES_LIMIT;
        private int maxSpansPerRequest = 10_000;
        private List<String> autocompleteKeys;
        private List<String> corsOrigins = List.of("*");
        private String defaultTenant = "default";
        private HttpLambdaAuthorizer authorizer;
        private Duration authorizerCacheTtl = Duration.seconds(60);
        private TenantQuota defaultQuota;
        private final Map<String, TenantQuota> tenantQuotas = new LinkedHashMap<>();
        private CustomDomain customDomain;
        private String alarmEmail;
        private ITopic alarmTopic;
        private RetentionDays logRetention = RetentionDays.ONE_MONTH;
        private RemovalPolicy dataRemovalPolicy = RemovalPolicy.RETAIN;
        private FunctionJars functionJars = FunctionJars.inRepository();

        private Builder() {}

        /** Days traces are kept, 1 to 3,650 (default 30). */
        public Builder retentionDays(int days) {
            this.retentionDays = days;
            return this;
        }

        /** How long a trace must be quiet before it is finalized, 0 to 900 s (default 10 s). */
        public Builder idlePeriod(Duration idlePeriod) {
            this.idlePeriod = Objects.requireNonNull(idlePeriod, "idlePeriod");
            return this;
        }

        /** On demand (default) or a number of provisioned shards. */
        public Builder streamCapacity(StreamCapacity capacity) {
            this.streamCapacity = Objects.requireNonNull(capacity, "streamCapacity");
            return this;
        }

        /** The functions' processor architecture (default arm64: cheaper per GB-second). */
        public Builder architecture(Architecture architecture) {
            this.architecture = Objects.requireNonNull(architecture, "architecture");
            return this;
        }

        /**
         * One function's memory, 128 to 10,240 MB (default 1,024 for each, 512 for the
         * authorizer, which only checks a key); CPU grows with it.
         */
        public Builder memoryMb(FunctionKind kind, int megabytes) {
            this.memoryMb.put(Objects.requireNonNull(kind, "kind"), megabytes);
            return this;
        }

        /** Most stream records per assembler invocation, 1 to 10,000 (default 100). */
        public Builder assemblerBatchSize(int records) {
            this.assemblerBatchSize = records;
            return this;
        }

        /**
         * How long the stream's event source gathers records before invoking the assembler with
         * a batch that is not full, 0 to 300 s (default 10 s). Each invocation writes two S3
         * objects, so at low traffic this window, not the traffic, sets the S3 PUT bill.
         */
        public Builder assemblerBatchingWindow(Duration window) {
            this.assemblerBatchingWindow = Objects.requireNonNull(window, "assemblerBatchingWindow");
            return this;
        }

        /** Concurrent assembler invocations per shard, 1 to 10 (default 1). */
        public Builder parallelizationFactor(int factor) {
            this.parallelizationFactor = factor;
            return this;
        }

        /**
         * Retries of a failing stream batch (split in halves each time) before its position goes
         * to the on-failure queue, 0 to 10,000 (default 5).
         */
        public Builder streamRetryAttempts(int attempts) {
            this.streamRetryAttempts = attempts;
            return this;
        }

        /**
         * Records older than this are not retried but sent to the on-failure queue, 60 s to 24 h,
         * the stream's retention (default 6 h).
         */
        public Builder streamMaxRecordAge(Duration age) {
            this.streamMaxRecordAge = Objects.requireNonNull(age, "streamMaxRecordAge");
            return this;
        }

        /** Most finalize timers per finalizer invocation, 1 to 10,000 (default 10). */
        public Builder finalizerBatchSize(int messages) {
            this.finalizerBatchSize = messages;
            return this;
        }

        /**
         * How long the timer queue's event source gathers timers, 0 to 300 s (default 0); Lambda
         * requires at least 1 s for batches over 10.
         */
        public Builder finalizerBatchingWindow(Duration window) {
            this.finalizerBatchingWindow = Objects.requireNonNull(window, "finalizerBatchingWindow");
            return this;
        }

        /** Partitions one service's search entries are spread over, 1 to 64 (default 4). */
        public Builder searchShards(int shards) {
            this.searchShards = shards;
            return this;
        }

        /** Largest request body ingest accepts, up to 4 MiB (the default; Lambda's 6 MB event limit after base64). */
        public Builder maxBodyBytes(int bytes) {
            this.maxBodyBytes = bytes;
            return this;
        }

        /** Most spans in one ingest request, at least 1 (default 10,000). */
        public Builder maxSpansPerRequest(int spans) {
            this.maxSpansPerRequest = spans;
            return this;
        }

        /** Attribute keys whose values are kept for autocompletion; empty for none (default: the functions' list). */
        public Builder autocompleteKeys(List<String> keys) {
            this.autocompleteKeys = List.copyOf(keys);
            return this;
        }

        /** Origins a browser console may call the query API from (default {@code *}). */
        public Builder corsOrigins(List<String> origins) {
            this.corsOrigins = List.copyOf(origins);
            return this;
        }

        /**
         * The tenant the first API key is made for: the stack's {@code CreateFirstKeyCommand}
         * output names it (default {@code default}). 1 to 64 of {@code A-Z a-z 0-9 _ . -}.
         */
        public Builder defaultTenant(String tenant) {
            this.defaultTenant = Objects.requireNonNull(tenant, "defaultTenant");
            return this;
        }

        /**
         * Replaces Skein's API-key authorizer with a Lambda authorizer of your own, which then
         * guards every route but the browsers' CORS preflights (Skein's authorizer function is
         * not deployed). Its simple response's context must carry the caller's tenant and
         * scopes, {@code {"isAuthorized": true, "context": {"tenant": "acme", "scopes": "ingest
         * query"}}}: the functions read them as {@code requestContext.authorizer.lambda.tenant}
         * and {@code .scopes} (space-separated; {@code ingest} for the ingest routes, {@code
         * query} for the query routes) and refuse a request without its tenant or without the
         * route's scope. A Lambda authorizer is the only kind whose context reaches them there.
         */
        public Builder authorizer(HttpLambdaAuthorizer authorizer) {
            this.authorizer = Objects.requireNonNull(authorizer, "authorizer");
            return this;
        }

        /**
         * How long an answer about an API key is reused, 0 to 3,600 s (default 60 s): by API
         * Gateway, per key and route, and by the authorizer function itself. A revoked key can
         * keep working for up to twice this long; longer saves authorizer invocations.
         */
        public Builder authorizerCacheTtl(Duration ttl) {
            this.authorizerCacheTtl = Objects.requireNonNull(ttl, "authorizerCacheTtl");
            return this;
        }

        /**
         * Every tenant's quota; unset fields keep the functions' built-in defaults (10,000
         * spans/s, 10 MiB/s, 25 queries/s, a burst of 2 s).
         */
        public Builder defaultQuota(TenantQuota quota) {
            this.defaultQuota = Objects.requireNonNull(quota, "defaultQuota");
            return this;
        }

        /**
         * One tenant's quota: its set fields replace the default quota's (a second call for
         * the same tenant replaces the first). The tenant ID is 1 to 64 of {@code A-Z a-z 0-9 _
         * . -}. All quotas together must fit in 3 KB of the functions' environment: about 25
         * tenants with every field set, or 70 that differ in one field.
         */
        public Builder tenantQuota(String tenant, TenantQuota quota) {
            this.tenantQuotas.put(Objects.requireNonNull(tenant, "tenant"), Objects.requireNonNull(quota, "quota"));
            return this;
        }

        /** Serve the API under a domain of the team's own (default: the execute-api domain only). */
        public Builder customDomain(CustomDomain domain) {
            this.customDomain = Objects.requireNonNull(domain, "customDomain");
            return this;
        }

        /** Creates a topic for the alarms and subscribes this address (it must confirm). */
        public Builder alarmEmail(String email) {
            this.alarmEmail = Objects.requireNonNull(email, "alarmEmail");
            return this;
        }

        /** Sends the alarms to an existing topic. */
        public Builder alarmTopic(ITopic topic) {
            this.alarmTopic = Objects.requireNonNull(topic, "alarmTopic");
            return this;
        }

        /** How long function and API access logs are kept (default one month). */
        public Builder logRetention(RetentionDays retention) {
            this.logRetention = Objects.requireNonNull(retention, "logRetention");
            return this;
        }

        /** What {@code cdk destroy} does to the bucket and table (default RETAIN: traces outlive the stack). */
        public Builder dataRemovalPolicy(RemovalPolicy policy) {
            this.dataRemovalPolicy = Objects.requireNonNull(policy, "dataRemovalPolicy");
            return this;
        }

        /** Where the functions' jars are (default: built in this repository, {@link FunctionJars#inRepository()}). */
        public Builder functionJars(FunctionJars jars) {
            this.functionJars = Objects.requireNonNull(jars, "functionJars");
            return this;
        }

        /** @throws IllegalArgumentException naming the first value out of its bounds */
        public SkeinProps build() {
            SettingChecks.check(this);
            return new SkeinProps(this);
        }
    }

    /** The bounds of every setting, in one place. */
    private static final class SettingChecks {
        static void check(Builder b) {
            between("retentionDays", b.retentionDays, 1, 3650);
            between("idlePeriod (seconds)", b.idlePeriod.toSeconds().longValue(), 0, MAX_IDLE_SECONDS);
            b.memoryMb.forEach((kind, mb) -> between(kind.module() + " memory (MB)", mb, 128, 10_240));
            between("assemblerBatchSize", b.assemblerBatchSize, 1, 10_000);
            between("assemblerBatchingWindow (seconds)", b.assemblerBatchingWindow.toSeconds().longValue(), 0, 300);
            between("parallelizationFactor", b.parallelizationFactor, 1, 10);
            between("streamRetryAttempts", b.streamRetryAttempts, 0, 10_000);
            between("streamMaxRecordAge (seconds)", b.streamMaxRecordAge.toSeconds().longValue(), 60, STREAM_RETENTION.toSeconds().longValue());
            between("finalizerBatchSize", b.finalizerBatchSize, 1, 10_000);
            between("finalizerBatchingWindow (seconds)", b.finalizerBatchingWindow.toSeconds().longValue(), 0, 300);
            if (b.finalizerBatchSize > 10 && b.finalizerBatchingWindow.toSeconds().longValue() < 1) {
                throw new IllegalArgumentException("a finalizerBatchSize over 10 needs a finalizerBatchingWindow of at least 1 s (a Lambda rule)");
            }
            between("searchShards", b.searchShards, 1, 64);
            between("maxBodyBytes", b.maxBodyBytes, 1, MAX_BODY_BYTES_LIMIT);
            between("maxSpansPerRequest", b.maxSpansPerRequest, 1, Integer.MAX_VALUE);
            tenantId("defaultTenant", b.defaultTenant);
            between("authorizerCacheTtl (seconds)", b.authorizerCacheTtl.toSeconds().longValue(), 0, MAX_AUTHORIZER_CACHE_SECONDS);
            b.tenantQuotas.keySet().forEach(tenant -> tenantId("tenantQuota's tenant", tenant));
            TenantQuota.settingsJson(b.defaultQuota, b.tenantQuotas).ifPresent(json -> {
                if (json.length() > MAX_QUOTAS_JSON_BYTES) {
                    throw new IllegalArgumentException("the quotas take " + json.length() + " bytes of the functions' "
                            + "environment (SKEIN_QUOTAS), more than " + MAX_QUOTAS_JSON_BYTES + " of Lambda's 4 KB: "
                            + "give fewer tenantQuota overrides, or a defaultQuota that fewer tenants differ from");
                }
            });
            if (b.corsOrigins.isEmpty() || b.corsOrigins.stream().anyMatch(o -> o.isBlank() || o.contains(","))) {
                throw new IllegalArgumentException("corsOrigins must name at least one origin, none blank or with a comma: " + b.corsOrigins);
            }
            if (b.autocompleteKeys != null && b.autocompleteKeys.stream().anyMatch(k -> k.isBlank() || k.contains(","))) {
                throw new IllegalArgumentException("autocompleteKeys must not be blank or hold a comma: " + b.autocompleteKeys);
            }
            if (b.alarmEmail != null && b.alarmTopic != null) {
                throw new IllegalArgumentException("give alarmEmail or alarmTopic, not both: subscribe the address to your topic instead");
            }
            if (b.alarmEmail != null && !b.alarmEmail.matches("[^@\\s]+@[^@\\s]+")) {
                throw new IllegalArgumentException("alarmEmail is not an email address: '" + b.alarmEmail + "'");
            }
        }

        private static void tenantId(String name, String tenant) {
            if (!tenant.matches(TENANT_ID)) {
                throw new IllegalArgumentException(name + " must be 1-64 of A-Z a-z 0-9 _ . -, got '" + tenant + "'");
            }
        }

        private static void between(String name, long value, long min, long max) {
            if (value < min || value > max) {
                throw new IllegalArgumentException(name + " must be " + min + ".." + max + ", got " + value);
            }
        }
    }
}
