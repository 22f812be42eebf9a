package dev.skein.cdk;

import software.amazon.awscdk.App;
import software.amazon.awscdk.StackProps;

/**
 * The CDK app: {@code npx aws-cdk deploy} in {@code infra-cdk/} runs this main (cdk.json's app
 * command builds the functions first). Settings come from context values, see {@link AppSettings}.
 *
 * <p>The stack names no account or region: the CLI's credentials and region decide where it
 * goes, and synthesis needs neither.
 */
public final class SkeinApp {
    private SkeinApp() {}

    public static void main(String[] args) {
        App app = new App();
        AppSettings settings = new AppSettings(app.getNode());
        new SkeinStack(app, settings.stackName(), StackProps.builder()
                .description("Skein: distributed tracing on managed AWS services")
                .build(), settings.props());
        app.synth();
    }
}
