package dev.skein.cli;

import dev.skein.aws.AwsClients;
import dev.skein.aws.dynamodb.DynamoApiKeyStore;
import dev.skein.storage.StorageException;
import dev.skein.tenancy.KeyManager;
import java.io.PrintStream;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The {@code skein} command (bin/skein runs it): API keys in a deployment's index table or in a
 * running skein-local. Exit status 0 when done, 1 when the store or skein-local failed (the
 * SDK's message says why), 2 for a wrong command line (with the usage).
 */
public final class SkeinCli {
    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;

    static final String USAGE_TEXT = """
            usage: skein keys create --tenant T [--scopes ingest,query] [--name LABEL] TARGET
                   skein keys list   --tenant T TARGET
                   skein keys revoke --tenant T --key-id ID TARGET

              --scopes   what the key may do: ingest (send spans), query (read traces), or both
                         (the default), separated by commas
              --name     a label for people, such as the key's user ("ci", "grafana")

            TARGET, where the keys are kept, is one of:
              --table NAME [--region R] [--endpoint URL]
                         a deployment's index table (the stack's output), with the AWS credentials
                         of the default chain; --endpoint for any other DynamoDB, e.g. LocalStack
              --local [DATA_DIR]
                         the table of a running skein-local (DATA_DIR defaults to .skein)

            exit status: 0 done, 1 the store failed, 2 a wrong command line
            """;

    private SkeinCli() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs one command, printing to {@code out} and {@code err}; returns the exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        try {
            CommandLine line = CommandLine.parse(args);
            List<String> words = line.words();
            if (line.has(CommandLine.HELP) || words.equals(List.of("help"))) {
                out.print(USAGE_TEXT);
                return OK;
            }
            if (words.isEmpty()) {
                throw new UsageException("no command");
            }
            if (words.size() != 2 || !words.get(0).equals("keys")) {
                throw new UsageException("unknown command '" + String.join(" ", words) + "'");
            }
            KeyCommand command = KeyCommand.parse(words.get(1), line);
            Target target = Target.of(line);
            try (AwsClients clients = new AwsClients(target.settings(System.getenv()))) {
                KeyManager keys = new KeyManager(new DynamoApiKeyStore(clients.dynamoDb(), target.table()),
                        Clock.systemUTC(), new SecureRandom());
                command.run(keys, out);
            }
            return OK;
        } catch (UsageException | IllegalArgumentException e) {
            err.println("skein: " + e.getMessage());
            err.println();
            err.print(USAGE_TEXT);
            return USAGE;
        } catch (StorageException | SdkException | IllegalStateException e) {
            err.println("skein: " + e.getMessage());
            return FAILED;
        }
    }
}
