package org.opencity.backend.testing;

import io.helidon.http.Method;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRoute;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An {@link HttpRules} that records what the application registers instead of serving it, so a
 * test can compare the real route table with documents and permission tables. Nested services
 * are followed with their path prefix.
 */
public final class RouteRecorder implements HttpRules {

    /** One registered route; {@code method} is {@code *} for any-method fallbacks. */
    public record Route(String method, String path) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    private final String prefix;
    private final List<Route> routes;

    public RouteRecorder() {
        this("", new ArrayList<>());
    }

    private RouteRecorder(String prefix, List<Route> routes) {
        this.prefix = prefix;
        this.routes = routes;
    }

    public List<Route> routes() {
        return List.copyOf(routes);
    }

    @Override
    public HttpRules register(HttpService... services) {
        for (HttpService service : services) {
            service.routing(this);
        }
        return this;
    }

    @Override
    public HttpRules register(String path, HttpService... services) {
        for (HttpService service : services) {
            service.routing(new RouteRecorder(join(prefix, path), routes));
        }
        return this;
    }

    @Override
    public HttpRules route(Method method, String pathPattern, Handler handler) {
        routes.add(new Route(method.text(), join(prefix, pathPattern)));
        return this;
    }

    @Override
    public HttpRules route(HttpRoute route) {
        Optional<String> path = route.pathMatcher().flatMap(m -> m.matchingElement());
        routes.add(new Route("*", join(prefix, path.orElse("/*"))));
        return this;
    }

    private static String join(String prefix, String path) {
        if (path == null || path.isEmpty() || path.equals("/")) {
            return prefix.isEmpty() ? "/" : prefix;
        }
        return (prefix + (path.startsWith("/") ? path : "/" + path)).replace("//", "/");
    }
}
