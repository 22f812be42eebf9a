package dev.skein.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RouteScopesTest {

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = ' ', value = {
            "POST /v1/traces",
            "POST /api/v2/spans",
    })
    void ingestRoutes_needIngest(String method, String path) {
        assertThat(RouteScopes.required(method, path)).contains(Scope.INGEST);
    }

    /** The read routes of docs/api.md, for each of GET and HEAD. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "/zipkin", "/zipkin/", "/zipkin/config.json", "/zipkin/api/v2/services", "/zipkin/api/v2/spans",
            "/zipkin/api/v2/traces", "/zipkin/api/v2/trace/4bf92f3577b34da6a3ce929d0e0e4736",
            "/zipkin/api/v2/traceMany", "/zipkin/api/v2/dependencies", "/zipkin/api/v2/autocompleteKeys",
            "/zipkin/api/v2/autocompleteValues", "/zipkin/api/v2/remoteServices",
            "/jaeger", "/jaeger/api/services", "/jaeger/api/services/checkout/operations", "/jaeger/api/operations",
            "/jaeger/api/traces", "/jaeger/api/traces/4bf92f3577b34da6", "/jaeger/api/dependencies",
            "/jaeger/api/v3/services", "/jaeger/api/v3/trace-summaries",
            "/api", "/api/traces", "/api/traces/4bf92f3577b34da6a3ce929d0e0e4736", "/api/search",
            "/api/v2/spans", "/api/service-map",
    })
    void readRoutes_needQuery_forGetAndHead(String path) {
        assertThat(RouteScopes.required("GET", path)).contains(Scope.QUERY);
        assertThat(RouteScopes.required("HEAD", path)).contains(Scope.QUERY);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = ' ', value = {
            "PUT /v1/traces",
            "GET /v1/traces",
            "DELETE /api/v2/spans",
            "PATCH /api/v2/spans",
            "POST /zipkin/api/v2/spans",
            "POST /jaeger/api/traces",
            "POST /api/traces",
            "POST /api/search",
            "PUT /zipkin/api/v2/services",
            "DELETE /api/traces/1",
            "OPTIONS /zipkin/api/v2/services",
            "OPTIONS /v1/traces",
            "get /zipkin/api/v2/services",
            "post /v1/traces",
            "GET /apix",
            "GET /zipkinx/api",
            "GET /jaeger-ui",
            "GET /",
            "GET /health",
            "GET /Zipkin/api/v2/services",
            "POST /v1/traces/",
            "POST /v1/traces/extra",
            "POST /v1/logs",
            "POST /api/v2/spans/",
            "GET zipkin/api/v2/services",
    })
    void everythingElse_isNoRoute(String method, String path) {
        assertThat(RouteScopes.required(method, path)).isEmpty();
    }

    @Test
    void nullOrEmpty_isNoRoute() {
        assertThat(RouteScopes.required(null, "/v1/traces")).isEmpty();
        assertThat(RouteScopes.required("POST", null)).isEmpty();
        assertThat(RouteScopes.required("", "")).isEmpty();
    }

    /** The route keys SkeinHttpApi declares: each is asked of the authorizer as it is. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '=', value = {
            "POST /v1/traces=INGEST",
            "POST /api/v2/spans=INGEST",
            "GET /zipkin/{proxy+}=QUERY",
            "HEAD /zipkin/{proxy+}=QUERY",
            "GET /jaeger/{proxy+}=QUERY",
            "HEAD /jaeger/{proxy+}=QUERY",
            "GET /api/{proxy+}=QUERY",
            "HEAD /api/{proxy+}=QUERY",
    })
    void ofRouteKey_givesEachDeclaredRoutesScope(String routeKey, Scope scope) {
        assertThat(RouteScopes.ofRouteKey(routeKey)).contains(scope);
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"OPTIONS /zipkin/{proxy+}", "OPTIONS /api/{proxy+}", "ANY /zipkin/{proxy+}",
            "$default", "POST /api/{proxy+}", "PUT /v1/traces", "GET /apix/{proxy+}", "POST  /v1/traces",
            "POST", "", " "})
    void ofRouteKey_refusesEveryOtherKey(String routeKey) {
        assertThat(RouteScopes.ofRouteKey(routeKey)).isEmpty();
    }

    @Test
    void ofRouteKey_ofNull_isNoRoute() {
        assertThat(RouteScopes.ofRouteKey(null)).isEqualTo(Optional.empty());
    }
}
