/**
 * Lambda event source mappings in one process, for skein-local and the integration tests: the
 * same handlers that Lambda calls from Kinesis and SQS, called with the same events and read back
 * with the same rules, generic over the handler ({@code Function<KinesisEvent,
 * StreamsEventResponse>}, {@code Function<SQSEvent, SQSBatchResponse>}) so this package depends
 * on no function module.
 *
 * <pre>{@code
 * KinesisEventSource spans = new KinesisEventSource(clients.kinesis(),
 *         KinesisEventSourceSettings.defaults("skein-spans"),
 *         event -> assembler.handleRequest(event, null),
 *         OnFailureDestinations.sqs(sqs, failureQueueUrl));
 * SqsQueues.QueueWithDeadLetterQueue timers = SqsQueues.createWithDeadLetterQueue(sqs,
 *         "skein-timers", "skein-timers-dlq", 5, Duration.ofSeconds(30));
 * SqsEventSource finalizing = new SqsEventSource(sqs,
 *         SqsEventSourceSettings.defaults(timers.queueUrl()),
 *         event -> finalizer.handleRequest(event, null));
 * spans.start();
 * finalizing.start();
 * ...
 * spans.awaitIdle(Duration.ofSeconds(30));   // tests: everything sent so far is handled
 * }</pre>
 *
 * <p>Both sources read the {@code ReportBatchItemFailures} response as Lambda does: a null
 * response or an empty list is a success; an item without an identifier, or with one that is
 * not in the batch, fails the whole batch; a handler that throws fails the whole batch. Logs name
 * shards, sequence numbers, message counts and exception types, never record contents or
 * exception messages.
 */
package dev.skein.local.eventsource;
