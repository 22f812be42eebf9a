package dev.skein.tenancy;

import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The whole decision for one request: which credential it presents, whether the key is good,
 * and whether the key holds the scope the route needs. The authorizer turns the answer into
 * API Gateway's yes or no; skein-local's front door into the same status codes.
 */
public final class AccessControl {
    private final KeyVerifier verifier;

    public AccessControl(KeyVerifier verifier) {
        this.verifier = verifier;
    }

    /**
     * Let through, with the tenant and scopes to pass on; or refused with 401 (no key: the
     * client should send one) or 403 (a key was sent and is no good for this route).
     */
    public record Decision(int status, Optional<String> tenant, Set<Scope> scopes, String message) {
        static Decision allow(String tenant, Set<Scope> scopes) {
            return new Decision(200, Optional.of(tenant), scopes, "");
        }

        static Decision refuse(int status, String message) {
            return new Decision(status, Optional.empty(), Set.of(), message);
        }

        public boolean allowed() {
            return tenant.isPresent();
        }
    }

    /**
     * @param header a request header by lower-case name, null when absent
     * @param queryParameter a query parameter by name, null when absent
     */
    public Decision decide(String method, String path, Function<String, String> header,
            Function<String, String> queryParameter) {
        return decide(RouteScopes.required(method, path), header, queryParameter);
    }

    /** As {@link #decide(String, String, Function, Function)}, for a scope already known (empty: no such route). */
    public Decision decide(Optional<Scope> required, Function<String, String> header,
            Function<String, String> queryParameter) {
        Credential credential = Credential.of(header, queryParameter);
        if (credential instanceof Credential.Missing) {
            return Decision.refuse(401, "this endpoint needs an API key: send 'Authorization: Bearer <key>'");
        }
        if (credential instanceof Credential.Malformed m) {
            return Decision.refuse(403, m.problem());
        }
        KeyVerifier.Verdict verdict = verifier.verify(((Credential.Presented) credential).token());
        if (!verdict.isValid()) {
            return Decision.refuse(403, verdict.problem().orElseThrow().message());
        }
        if (required.isEmpty()) {
            return Decision.refuse(403, "no API key opens this route");
        }
        if (!verdict.scopes().contains(required.get())) {
            return Decision.refuse(403, "this API key lacks the '" + required.get().label() + "' scope");
        }
        return Decision.allow(verdict.tenant().orElseThrow(), verdict.scopes());
    }
}
