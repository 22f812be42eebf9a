package dev.skein.benchmarks.cost;

import dev.skein.aws.UsageSnapshot;

/**
 * What one span costs in billable units at one monthly volume: measured units divided by the
 * measured spans, plus the few modeled pieces that no emulator can show (Lambda's I/O waits,
 * its platform log lines, the timer queue's pollers), each named with its assumption below.
 */
record SpanUsage(
        double apiRequests,
        double ingestInvocations, double ingestCpuSeconds, double ingestWaitSeconds,
        double kinesisRecords, double kinesisBytes, double kinesisOnDemandGb, double kinesisPutPayloadUnits,
        double assemblerInvocations, double assemblerCpuSeconds, double assemblerWaitSeconds,
        double finalizerInvocations, double finalizerCpuSeconds, double finalizerWaitSeconds,
        double dynamoDbWriteUnits, double dynamoDbReadUnits,
        double s3Puts, double s3Gets, double s3GbStored,
        double sqsRequests, double tableGbStored, double logGb, double traces) {

    /** Round trips assumed from inside a Lambda function in the same region (not measured). */
    static final double PUT_RECORDS_SECONDS = 0.020;
    static final double DYNAMODB_SECONDS = 0.006;
    static final double S3_PUT_SECONDS = 0.025;
    static final double S3_GET_SECONDS = 0.015;
    static final double SQS_SECONDS = 0.008;
    /** START, END and REPORT lines Lambda writes per invocation (assumed size). */
    static final double PLATFORM_LOG_BYTES = 350;
    /** The assembler's and finalizer's one JSON line per batch (assumed size); healthy ingest logs nothing. */
    static final double BATCH_LOG_BYTES = 120;
    /** One HTTP API access-log line in the stack's format (assumed size). */
    static final double ACCESS_LOG_BYTES = 330;
    static final double GB = 1e9;

    static SpanUsage of(PipelineMeasurement.Result r, PipelineMeasurement.Volume v) {
        IngestRun.Figures in = r.ingest();
        AssemblyRun.Figures f = v.figures();
        UsageSnapshot a = f.assembler().usage();
        UsageSnapshot z = f.finalizer().usage();
        double spans = in.spans();
        double measured = f.spans();
        double spansPerSecond = v.spansPerMonth() / (PipelineMeasurement.HOURS_PER_MONTH * 3600);

        double timers = (a.sqsMessages() + z.sqsMessages()) / measured;
        double timersPerInvocation = Math.max(1, Math.min(AssemblyRun.FINALIZER_BATCH, timers * spansPerSecond));
        double finalizerInvocations = timers / timersPerInvocation;
        // The finalizer's measured CPU is per timer; invocations at this rate hold fewer timers.
        double finalizerCpu = f.finalizer().cpuNanos() / 1e9 / measured;
        double assemblerInvocations = f.assembler().invocations() / measured;
        double ingestInvocations = in.requests() / spans;

        double logBytes = ingestInvocations * (PLATFORM_LOG_BYTES + ACCESS_LOG_BYTES)
                + (assemblerInvocations + finalizerInvocations) * (PLATFORM_LOG_BYTES + BATCH_LOG_BYTES);
        return new SpanUsage(
                in.requests() / spans,
                ingestInvocations, in.cpuNanos() / 1e9 / in.measuredSpans(),
                in.putRecordsCalls() * PUT_RECORDS_SECONDS / spans,
                in.records() / spans, in.recordBytes() / spans, in.onDemandKilobytes() * 1024.0 / GB / spans,
                in.putPayloadUnits() / spans,
                assemblerInvocations, f.assembler().cpuNanos() / 1e9 / measured,
                waitSeconds(a) / measured,
                finalizerInvocations, finalizerCpu, waitSeconds(z) / measured,
                (a.dynamoDbWriteUnits() + z.dynamoDbWriteUnits()) / measured,
                (a.dynamoDbReadUnits() + z.dynamoDbReadUnits()) / measured,
                (a.s3PutRequests() + z.s3PutRequests()) / measured,
                (a.s3GetRequests() + z.s3GetRequests()) / measured,
                (a.s3BytesWritten() + z.s3BytesWritten()) / GB / measured,
                // The event source's ReceiveMessage and DeleteMessageBatch per finalizer invocation.
                (a.sqsRequests() + z.sqsRequests()) / measured + 2 * finalizerInvocations,
                // DynamoDB bills 100 bytes of overhead per item in storage; TableSizeBytes leaves it out.
                Double.isNaN(v.tableBytesPerSpan()) ? Double.NaN
                        : (v.tableBytesPerSpan() + 100 * itemsPerSpan(a, z, measured)) / GB,
                logBytes / GB,
                1 / r.mix().spansPerTrace());
    }

    /** Kinesis on-demand retrieval: the event source reads every byte once. */
    double kinesisRetrievedGb() {
        return kinesisBytes / GB;
    }

    /** Items written per span, for DynamoDB's per-item storage overhead: write units bound it from above. */
    private static double itemsPerSpan(UsageSnapshot a, UsageSnapshot z, double spans) {
        return (a.dynamoDbWriteUnits() + z.dynamoDbWriteUnits()) / spans;
    }

    private static double waitSeconds(UsageSnapshot s) {
        return s.dynamoDbRequestCount() * DYNAMODB_SECONDS + s.s3PutRequests() * S3_PUT_SECONDS
                + s.s3GetRequests() * S3_GET_SECONDS + s.sqsRequests() * SQS_SECONDS;
    }
}
