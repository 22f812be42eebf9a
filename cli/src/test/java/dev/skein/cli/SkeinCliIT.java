package dev.skein.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skein.aws.StorageProvisioning;
import dev.skein.aws.dynamodb.DynamoApiKeyStore;
import dev.skein.emulators.DynamoDbEmulator;
import dev.skein.tenancy.ApiKey;
import dev.skein.tenancy.KeyVerifier;
import dev.skein.tenancy.Scope;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * {@code skein keys} in-process against DynamoDB Local, in a table as StorageProvisioning
 * creates it; and once through bin/skein and the shaded jar, as a user runs it.
 */
class SkeinCliIT {
    private static final Pattern TOKEN = Pattern.compile("skn1\\.[A-Za-z0-9_.-]+");

    private static DynamoDbEmulator dynamoDb;
    private static DynamoDbClient client;
    private static String table;

    private String tenant;

    @BeforeAll
    static void startDynamoDb() {
        dynamoDb = DynamoDbEmulator.start();
        client = dynamoDb.dynamoDbClient();
        table = "skein-index-" + UUID.randomUUID().toString().substring(0, 8);
        StorageProvisioning.createTableIfMissing(client, table, Duration.ofSeconds(60));
    }

    @AfterAll
    static void stopDynamoDb() {
        if (client != null) client.close();
        if (dynamoDb != null) dynamoDb.close();
    }

    @BeforeEach
    void newTenant() {
        tenant = "team-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private record Run(int status, String out, String err) {}

    private static Run skein(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = SkeinCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** The arguments, then the table on the emulator. */
    private static String[] onTable(String... args) {
        return Stream.concat(Stream.of(args), Stream.of("--table", table, "--endpoint", dynamoDb.endpoint().toString()))
                .toArray(String[]::new);
    }

    private static String token(Run created) {
        Matcher m = TOKEN.matcher(created.out());
        assertThat(m.find()).as("a key in:%n%s", created.out()).isTrue();
        String token = m.group();
        assertThat(m.find()).as("the key is printed once").isFalse();
        return token;
    }

    private static KeyVerifier verifier() {
        return new KeyVerifier(new DynamoApiKeyStore(client, table), Clock.systemUTC(), Duration.ZERO);
    }

    @Test
    void create_printsTheKeyOnceWithItsIdTenantScopesAndUses() {
        Run created = skein(onTable("keys", "create", "--tenant", tenant, "--scopes", "ingest", "--name", "collector"));

        assertThat(created.status()).as(created.err()).isZero();
        ApiKey key = ApiKey.parse(token(created)).orElseThrow();
        assertThat(key.tenant()).isEqualTo(tenant);
        assertThat(created.out()).contains("key ID   " + key.keyId(), "tenant   " + tenant, "scopes   ingest",
                "name     collector", "OTEL_EXPORTER_OTLP_HEADERS=Authorization=Bearer%20<key>",
                "/api/v2/spans?key=<key>");
        assertThat(created.out()).doesNotContain("Grafana"); // no query scope, no query use
    }

    @Test
    void list_showsTheKeysWithoutSecretOrHash() {
        String first = token(skein(onTable("keys", "create", "--tenant", tenant, "--name", "grafana")));
        String second = token(skein(onTable("keys", "create", "--tenant", tenant, "--scopes", "query")));
        skein(onTable("keys", "create", "--tenant", tenant + "-other"));

        Run list = skein(onTable("keys", "list", "--tenant", tenant));

        assertThat(list.status()).as(list.err()).isZero();
        List<String> lines = list.out().lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).startsWith("KEY ID").contains("NAME", "SCOPES", "CREATED", "REVOKED");
        assertThat(lines.get(1)).startsWith(ApiKey.parse(first).orElseThrow().keyId())
                .contains("grafana", "ingest query").endsWith("-");
        assertThat(lines.get(2)).startsWith(ApiKey.parse(second).orElseThrow().keyId()).contains("query");
        for (String token : List.of(first, second)) {
            byte[] hash = ApiKey.parse(token).orElseThrow().hash();
            assertThat(list.out()).doesNotContain(token.substring(token.lastIndexOf('.') + 1),
                    HexFormat.of().formatHex(hash), Base64.getEncoder().encodeToString(hash));
        }
    }

    @Test
    void list_whenTheTenantHasNoKeys_saysSo() {
        Run list = skein(onTable("keys", "list", "--tenant", tenant));

        assertThat(list.status()).isZero();
        assertThat(list.out()).isEqualTo("Tenant " + tenant + " has no API keys." + System.lineSeparator());
    }

    @Test
    void createdKey_verifiesOverTheTable_untilRevoked() {
        String token = token(skein(onTable("keys", "create", "--tenant", tenant)));
        String keyId = ApiKey.parse(token).orElseThrow().keyId();

        KeyVerifier.Verdict verdict = verifier().verify(token);
        assertThat(verdict.isValid()).isTrue();
        assertThat(verdict.tenant()).contains(tenant);
        assertThat(verdict.scopes()).containsExactlyInAnyOrder(Scope.INGEST, Scope.QUERY);

        Run revoked = skein(onTable("keys", "revoke", "--tenant", tenant, "--key-id", keyId));

        assertThat(revoked.status()).as(revoked.err()).isZero();
        assertThat(revoked.out()).contains("Revoked key " + keyId + " of tenant " + tenant);
        assertThat(verifier().verify(token).problem()).contains(KeyVerifier.Problem.REVOKED);
        String listed = skein(onTable("keys", "list", "--tenant", tenant)).out().lines().toList().get(1);
        assertThat(listed).doesNotEndWith("-").matches(".*\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ$");
    }

    @Test
    void local_findsTheTableInSkeinLocalsFile(@TempDir Path dataDir) throws IOException {
        Files.writeString(dataDir.resolve("skein-local.json"), "{\"dynamodbEndpoint\":\"" + dynamoDb.endpoint()
                + "\",\"region\":\"eu-west-1\",\"table\":\"" + table + "\",\"frontDoor\":\"http://127.0.0.1:4318\"}");

        Run created = skein("keys", "create", "--tenant", tenant, "--local", dataDir.toString());

        assertThat(created.status()).as(created.err()).isZero();
        assertThat(verifier().verify(token(created)).isValid()).isTrue();
        Run listed = skein("keys", "list", "--tenant", tenant, "--local=" + dataDir);
        assertThat(listed.out().lines()).hasSize(2);
    }

    @Test
    void local_whenSkeinLocalIsNotRunning_saysSo(@TempDir Path dataDir) {
        Run run = skein("keys", "list", "--tenant", tenant, "--local", dataDir.toString());

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.err()).contains("skein-local is not running (no " + dataDir.resolve("skein-local.json")
                + "); start it or pass --table");
    }

    @Test
    void storeFailure_exits1WithTheSdksMessage() {
        Run run = skein("keys", "list", "--tenant", tenant, "--table", "no-such-table",
                "--endpoint", dynamoDb.endpoint().toString());

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.err()).contains("no-such-table", "ResourceNotFoundException").doesNotContain("usage:");
    }

    static Stream<Arguments> badInputs() {
        return Stream.of(
                Arguments.of("no command", new String[0], "no command"),
                Arguments.of("unknown command", new String[] {"tokens", "list"}, "unknown command 'tokens list'"),
                Arguments.of("unknown keys command", new String[] {"keys", "delete", "--tenant", "a"},
                        "unknown command 'keys delete'"),
                Arguments.of("bad tenant", new String[] {"keys", "list", "--tenant", "a/b", "--table", "t"},
                        "tenant IDs are 1-64 of"),
                Arguments.of("missing tenant", new String[] {"keys", "list", "--table", "t"}, "missing --tenant"),
                Arguments.of("unknown scope", new String[] {"keys", "create", "--tenant", "a", "--scopes",
                        "ingest,admin", "--table", "t"}, "unknown scope 'admin'"),
                Arguments.of("malformed key ID", new String[] {"keys", "revoke", "--tenant", "a", "--key-id", "abc",
                        "--table", "t"}, "key IDs are 12 of a-z 0-9"),
                Arguments.of("no target", new String[] {"keys", "list", "--tenant", "a"}, "say where the keys are"),
                Arguments.of("two targets", new String[] {"keys", "list", "--tenant", "a", "--table", "t", "--local"},
                        "--local reads the table"),
                Arguments.of("option of another command", new String[] {"keys", "list", "--tenant", "a", "--key-id",
                        "abcabcabcabc", "--table", "t"}, "--key-id does not apply to 'keys list'"),
                Arguments.of("unknown option", new String[] {"keys", "list", "--tenant", "a", "--colour"},
                        "unknown option --colour"),
                Arguments.of("option without value", new String[] {"keys", "list", "--tenant", "--table", "t"},
                        "--tenant needs a value"),
                Arguments.of("bad endpoint", new String[] {"keys", "list", "--tenant", "a", "--table", "t",
                        "--endpoint", "localhost:8000"}, "--endpoint must be an http(s) URL"),
                Arguments.of("stray word", new String[] {"keys", "list", "--tenant", "a", "extra", "--table", "t",
                        "--endpoint", "http://127.0.0.1:1"}, "unexpected 'extra'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    void badInput_exits2NamingTheProblemWithTheUsage(String what, String[] args, String problem) {
        Run run = skein(args);

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).startsWith("skein: ").contains(problem, "usage: skein keys create");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void revoke_ofAnUnknownKeyId_exits2() {
        Run run = skein(onTable("keys", "revoke", "--tenant", tenant, "--key-id", "zzzzzzzzzzzz"));

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("unknown key ID: tenant " + tenant + " has no key zzzzzzzzzzzz");
    }

    @Test
    void help_printsTheUsageAndSucceeds() {
        Run run = skein("--help");

        assertThat(run.status()).isZero();
        assertThat(run.out()).startsWith("usage: skein keys create");
    }

    /** The launcher and the shaded jar (built in package, before this runs), from another directory. */
    @Test
    void launcher_runsTheShadedJarFromAnyDirectory(@TempDir Path elsewhere) throws Exception {
        String token = token(skein(onTable("keys", "create", "--tenant", tenant)));
        Path launcher = Path.of("..", "bin", "skein").toAbsolutePath().normalize();
        List<String> command = new ArrayList<>(List.of("sh", launcher.toString()));
        command.addAll(List.of(onTable("keys", "list", "--tenant", tenant)));
        Path err = elsewhere.resolve("stderr");
        ProcessBuilder builder = new ProcessBuilder(command).directory(elsewhere.toFile())
                .redirectError(err.toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(process.waitFor()).as(Files.readString(err)).isZero();
        assertThat(out).contains(ApiKey.parse(token).orElseThrow().keyId());
    }
}
