package dev.skein.benchmarks.cost;

import java.util.ArrayList;
import java.util.List;

/**
 * A month's bill at one volume, line by line: units per span × spans a month × list price, and
 * the fixed monthly costs, which a volume's spans share. Lambda duration is priced from the
 * measured CPU time, stretched by the share of a vCPU the function's memory buys, plus the
 * assumed I/O waits ({@link SpanUsage}); this machine's x86 core stands in for Lambda's arm64 one.
 */
final class CostModel {
    /** infra-cdk's SkeinProps default memory of every function. */
    static final int FUNCTION_MEMORY_MB = 1024;
    /** Lambda gives one full vCPU at 1,769 MB and a proportional share below. */
    static final double MB_PER_VCPU = 1769;
    /** Alarms the stack creates (docs/deploy.md). */
    static final int ALARMS = 13;
    /** Days traces are kept (SkeinProps' default), over the days in an average month. */
    static final double RETENTION_MONTHS = 30 / 30.42;

    /** One line of the bill. {@code quantity} is in the price's own unit, a month's worth. */
    record LineItem(String service, String what, double quantity, Prices.Price price, boolean fixed) {
        double monthlyDollars() {
            return quantity * Prices.perUnit(price);
        }

        double dollarsPerMillionSpans(long spansPerMonth) {
            return monthlyDollars() / (spansPerMonth / 1e6);
        }
    }

    private CostModel() {}

    static List<LineItem> lines(SpanUsage u, long spansPerMonth) {
        double v = spansPerMonth;
        double memoryGb = FUNCTION_MEMORY_MB / 1024.0;
        double vcpu = Math.min(1, FUNCTION_MEMORY_MB / MB_PER_VCPU);
        List<LineItem> lines = new ArrayList<>();
        lines.add(variable("API Gateway", "HTTP API requests", u.apiRequests() * v, Prices.HTTP_API_REQUEST));
        lines.add(variable("Lambda", "ingest requests", u.ingestInvocations() * v, Prices.LAMBDA_REQUEST));
        lines.add(variable("Lambda", "ingest duration, CPU", gbSeconds(u.ingestCpuSeconds() / vcpu, memoryGb, v),
                Prices.LAMBDA_GB_SECOND));
        lines.add(variable("Lambda", "ingest duration, I/O wait (assumed)", gbSeconds(u.ingestWaitSeconds(), memoryGb, v),
                Prices.LAMBDA_GB_SECOND));
        lines.add(variable("Kinesis", "on-demand data in (records rounded to 1 KB)", u.kinesisOnDemandGb() * v,
                Prices.KINESIS_ON_DEMAND_INGEST));
        lines.add(variable("Kinesis", "on-demand data out (assembler reads)", u.kinesisRetrievedGb() * v,
                Prices.KINESIS_ON_DEMAND_RETRIEVAL));
        lines.add(new LineItem("Kinesis", "on-demand stream-hours", PipelineMeasurement.HOURS_PER_MONTH,
                Prices.KINESIS_ON_DEMAND_STREAM_HOUR, true));
        lines.add(variable("Lambda", "assembler requests", u.assemblerInvocations() * v, Prices.LAMBDA_REQUEST));
        lines.add(variable("Lambda", "assembler duration, CPU", gbSeconds(u.assemblerCpuSeconds() / vcpu, memoryGb, v),
                Prices.LAMBDA_GB_SECOND));
        lines.add(variable("Lambda", "assembler duration, I/O wait (assumed)",
                gbSeconds(u.assemblerWaitSeconds(), memoryGb, v), Prices.LAMBDA_GB_SECOND));
        lines.add(variable("Lambda", "finalizer requests", u.finalizerInvocations() * v, Prices.LAMBDA_REQUEST));
        lines.add(variable("Lambda", "finalizer duration, CPU", gbSeconds(u.finalizerCpuSeconds() / vcpu, memoryGb, v),
                Prices.LAMBDA_GB_SECOND));
        lines.add(variable("Lambda", "finalizer duration, I/O wait (assumed)",
                gbSeconds(u.finalizerWaitSeconds(), memoryGb, v), Prices.LAMBDA_GB_SECOND));
        lines.add(variable("DynamoDB", "write request units", u.dynamoDbWriteUnits() * v, Prices.DYNAMODB_WRITE));
        lines.add(variable("DynamoDB", "read request units", u.dynamoDbReadUnits() * v, Prices.DYNAMODB_READ));
        // Ingest's quota: per request one consistent read and one conditional put of a small
        // bucket item (DynamoQuotaLedgerIT: 1 write unit; a consistent read under 4 KB is 1 read unit).
        lines.add(variable("DynamoDB", "quota bucket writes (1 per ingest request)", u.ingestInvocations() * v,
                Prices.DYNAMODB_WRITE));
        lines.add(variable("DynamoDB", "quota bucket reads (1 per ingest request)", u.ingestInvocations() * v,
                Prices.DYNAMODB_READ));
        if (!Double.isNaN(u.tableGbStored())) {
            double gbMonths = u.tableGbStored() * v * RETENTION_MONTHS;
            lines.add(variable("DynamoDB", "index storage, 30 days kept", gbMonths, Prices.DYNAMODB_STORAGE));
            lines.add(variable("DynamoDB", "point-in-time recovery of it", gbMonths, Prices.DYNAMODB_PITR));
        }
        lines.add(variable("S3", "PUT requests", u.s3Puts() * v, Prices.S3_PUT));
        lines.add(variable("S3", "GET requests", u.s3Gets() * v, Prices.S3_GET));
        lines.add(variable("S3", "storage, 30 days kept", u.s3GbStored() * v * RETENTION_MONTHS, Prices.S3_STORAGE));
        lines.add(variable("SQS", "requests", u.sqsRequests() * v, Prices.SQS_REQUEST));
        lines.add(variable("CloudWatch", "Logs ingestion (function and access logs)", u.logGb() * v,
                Prices.LOGS_INGESTION));
        lines.add(new LineItem("CloudWatch", "alarms", ALARMS, Prices.ALARM_METRIC, true));
        return lines;
    }

    static double total(List<LineItem> lines) {
        return lines.stream().mapToDouble(LineItem::monthlyDollars).sum();
    }

    /** X-Ray for the same traffic: it bills per trace recorded, so spans per trace convert it. */
    static LineItem xray(SpanUsage u, long spansPerMonth) {
        return variable("X-Ray", "traces recorded", u.traces() * spansPerMonth, Prices.XRAY_RECORDED);
    }

    private static double gbSeconds(double secondsPerSpan, double memoryGb, double spans) {
        return secondsPerSpan * memoryGb * spans;
    }

    private static LineItem variable(String service, String what, double quantity, Prices.Price price) {
        return new LineItem(service, what, quantity, price, false);
    }
}
