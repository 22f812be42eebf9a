package dev.skein.cdk;

import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;

/**
 * The CDK app ({@code cdk deploy} runs this main). The stack is empty for now: the Kinesis
 * stream, the functions, the API, the table and the bucket arrive with the deployment work.
 */
public final class SkeinApp {
    private SkeinApp() {}

    public static void main(String[] args) {
        App app = new App();
        new Stack(app, "Skein");
        app.synth();
    }
}
