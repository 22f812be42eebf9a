package dev.skein.benchmarks.cost;

import java.util.List;

/**
 * us-east-1 list prices the report multiplies by, each with where it was read and when. Free
 * tiers are left out (they matter only at the smallest volumes), and so are tiered discounts,
 * which start above the volumes reported (Lambda's past 7.5 billion GB-seconds a month, HTTP
 * API's past 300 million requests).
 */
final class Prices {
    /** One row of the documented table: the figure, its unit, its source, and whether it was confirmed. */
    record Price(String service, String item, double dollars, String unit, String source) {}

    static final String CHECKED = "2026-11 (search of stored pages)";

    static final Price HTTP_API_REQUEST = new Price("API Gateway", "HTTP API requests", 1.00, "per million",
            "aws.amazon.com/api-gateway/pricing (figures in dynamic tokens); $1.00 per million for the first 300 million"
                    + " confirmed by apigatewaycost.com and awsforengineers.com, 2025");
    static final Price LAMBDA_GB_SECOND = new Price("Lambda", "arm64 duration", 0.0000133334, "per GB-second",
            "aws.amazon.com/lambda/pricing (dynamic); the arm64 first-tier rate as quoted by cloudchipr.com and"
                    + " git.mcrn.ar lambda notes, 2024-2025");
    static final Price LAMBDA_REQUEST = new Price("Lambda", "requests", 0.20, "per million",
            "as above");
    static final Price KINESIS_ON_DEMAND_STREAM_HOUR = new Price("Kinesis", "on-demand stream-hour", 0.04, "per hour",
            "aws.amazon.com/kinesis/data-streams/pricing: NOT CONFIRMED (the page's figures are dynamic tokens);"
                    + " the figure docs/deploy.md used");
    static final Price KINESIS_ON_DEMAND_INGEST = new Price("Kinesis", "on-demand data in", 0.08, "per GB",
            "same page: billing per GB with each record rounded up to 1 KB confirmed; the $0.08 NOT CONFIRMED");
    static final Price KINESIS_ON_DEMAND_RETRIEVAL = new Price("Kinesis", "on-demand data out", 0.04, "per GB",
            "same page; the $0.04 NOT CONFIRMED");
    static final Price KINESIS_SHARD_HOUR = new Price("Kinesis", "provisioned shard-hour", 0.015, "per hour",
            "c3x.dev and kindatechnical.com quote $0.015; aws page dynamic");
    static final Price KINESIS_PUT_PAYLOAD_UNIT = new Price("Kinesis", "provisioned PUT payload units (25 KB)", 0.014,
            "per million", "aws.amazon.com/kinesis/pricing defines the 25 KB unit; the $0.014 NOT CONFIRMED");
    static final Price DYNAMODB_WRITE = new Price("DynamoDB", "on-demand write request units", 0.625, "per million",
            "airbyte.com DynamoDB pricing (2025-07), after AWS's November 2024 on-demand cut");
    static final Price DYNAMODB_READ = new Price("DynamoDB", "on-demand read request units", 0.125, "per million",
            "as above");
    static final Price DYNAMODB_STORAGE = new Price("DynamoDB", "storage, Standard table class", 0.25, "per GB-month",
            "NOT CONFIRMED here; the figure docs/deploy.md used");
    static final Price DYNAMODB_PITR = new Price("DynamoDB", "point-in-time recovery (enabled by the stack)", 0.20,
            "per GB-month", "NOT CONFIRMED here; the figure docs/deploy.md used");
    static final Price S3_PUT = new Price("S3", "Standard PUT requests", 0.005, "per 1,000",
            "NOT CONFIRMED here (long-standing list price)");
    static final Price S3_GET = new Price("S3", "Standard GET requests", 0.0004, "per 1,000",
            "NOT CONFIRMED here (long-standing list price)");
    static final Price S3_STORAGE = new Price("S3", "Standard storage, first 50 TB", 0.023, "per GB-month",
            "NOT CONFIRMED here (long-standing list price)");
    static final Price SQS_REQUEST = new Price("SQS", "standard queue requests (64 KB chunks)", 0.40, "per million",
            "NOT CONFIRMED here (long-standing list price)");
    static final Price LOGS_INGESTION = new Price("CloudWatch", "Logs ingestion, Standard class", 0.50, "per GB",
            "hykell.com and c3x.dev (2026-06), duckbillgroup.com: Lambda logs tiered from $0.50 since 2025-05");
    static final Price ALARM_METRIC = new Price("CloudWatch", "alarm metric-month (13 alarms, docs/deploy.md)", 0.10,
            "per alarm-month", "NOT CONFIRMED here; the figure docs/deploy.md used");
    static final Price XRAY_RECORDED = new Price("X-Ray", "traces recorded", 5.00, "per million",
            "aws.amazon.com/de/xray/pricing ($0.000005 per trace) and awsnegotiations.com");
    static final Price XRAY_RETRIEVED = new Price("X-Ray", "traces retrieved or scanned", 0.50, "per million",
            "as above");

    static final List<Price> ALL = List.of(HTTP_API_REQUEST, LAMBDA_GB_SECOND, LAMBDA_REQUEST,
            KINESIS_ON_DEMAND_STREAM_HOUR, KINESIS_ON_DEMAND_INGEST, KINESIS_ON_DEMAND_RETRIEVAL, KINESIS_SHARD_HOUR,
            KINESIS_PUT_PAYLOAD_UNIT, DYNAMODB_WRITE, DYNAMODB_READ, DYNAMODB_STORAGE, DYNAMODB_PITR, S3_PUT, S3_GET,
            S3_STORAGE, SQS_REQUEST, LOGS_INGESTION, ALARM_METRIC, XRAY_RECORDED, XRAY_RETRIEVED);

    private Prices() {}

    /** Dollars for one unit of the price's own unit ("per million" → per 1 unit counted). */
    static double perUnit(Price p) {
        return switch (p.unit()) {
            case "per million" -> p.dollars() / 1_000_000;
            case "per 1,000" -> p.dollars() / 1_000;
            default -> p.dollars();
        };
    }
}
