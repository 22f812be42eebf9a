package dev.skein.local.demo;

/**
 * The stack traces of the exceptions the simulated Java services throw, as a Java agent records
 * them in {@code exception.stacktrace}: made up, but shaped like the real thing.
 */
final class JavaStacks {
    static final String PAYMENT_DECLINED = "com.example.shop.payments.PaymentDeclinedException";

    private JavaStacks() {}

    /** What the payments service throws when the gateway declines a card. */
    static String paymentDeclined(String message) {
        return PAYMENT_DECLINED + ": " + message + """

                \tat com.example.shop.payments.gateway.GatewayClient.charge(GatewayClient.java:112)
                \tat com.example.shop.payments.ChargeService.charge(ChargeService.java:67)
                \tat com.example.shop.payments.PaymentGrpcService.charge(PaymentGrpcService.java:41)
                \tat com.example.shop.payments.v1.PaymentServiceGrpc$MethodHandlers.invoke(PaymentServiceGrpc.java:389)
                \tat io.grpc.stub.ServerCalls$UnaryServerCallHandler$UnaryServerCallListener.onHalfClose(ServerCalls.java:182)
                \tat io.grpc.internal.ServerImpl$JumpToApplicationThreadServerStreamListener$1HalfClosed.runInContext(ServerImpl.java:351)
                \tat io.grpc.internal.ContextRunnable.run(ContextRunnable.java:37)
                \tat java.base/java.util.concurrent.ThreadPoolExecutor.runWorker(ThreadPoolExecutor.java:1144)
                \tat java.base/java.lang.Thread.run(Thread.java:1583)
                """;
    }

    /**
     * What a blocking gRPC stub throws when the server answered a status other than OK.
     *
     * @param rpcService the full service name, such as {@code payments.PaymentService}
     */
    static String grpcClient(String message, String caller, String rpcService, String rpcMethod) {
        String pkg = rpcService.substring(0, Math.max(0, rpcService.lastIndexOf('.')));
        String service = rpcService.substring(rpcService.lastIndexOf('.') + 1);
        String method = Character.toLowerCase(rpcMethod.charAt(0)) + rpcMethod.substring(1);
        return "io.grpc.StatusRuntimeException: " + message + """

                \tat io.grpc.stub.ClientCalls.toStatusRuntimeException(ClientCalls.java:268)
                \tat io.grpc.stub.ClientCalls.getUnchecked(ClientCalls.java:249)
                \tat io.grpc.stub.ClientCalls.blockingUnaryCall(ClientCalls.java:167)
                """
                + "\tat com.example.shop." + pkg + ".v1." + service + "Grpc$" + service + "BlockingStub." + method
                + "(" + service + "Grpc.java:431)\n"
                + "\tat com.example.shop." + caller + "." + service + "Client." + method + "(" + service
                + "Client.java:38)\n"
                + "\tat java.base/java.lang.Thread.run(Thread.java:1583)\n";
    }
}
