package io.wechat.edge.http;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.wechat.edge.EdgeConfig.RouteSpec;

/**
 * Route selection of an API Gateway HTTP API: route keys {@code "METHOD /path"} with {@code {param}} segments, a
 * greedy {@code {proxy+}} last segment, the {@code ANY} method and the {@code $default} route. Among matching
 * routes the most specific wins: segment by segment a literal beats a {@code {param}}, which beats a greedy
 * variable; then a named method beats {@code ANY}; {@code $default} only when nothing else matches.
 */
public final class RouteTable {
    private final List<Route> routes;
    private final RouteSpec defaultRoute;

    public RouteTable(List<RouteSpec> specs) {
        List<Route> parsed = new ArrayList<>();
        RouteSpec fallback = null;
        for (RouteSpec spec : specs) {
            if ("$default".equals(spec.routeKey())) {
                fallback = spec;
            } else {
                parsed.add(Route.parse(spec));
            }
        }
        this.routes = List.copyOf(parsed);
        this.defaultRoute = fallback;
    }

    public Optional<Match> match(String method, String path) {
        String[] segments = segments(path);
        return routes.stream()
                .map(route -> route.match(method, segments))
                .flatMap(Optional::stream)
                .min(Comparator.comparing(Match::rank, RouteTable::compareRanks))
                .or(() -> Optional.ofNullable(defaultRoute).map(spec -> new Match(spec, Map.of(), new int[0])));
    }

    private static int compareRanks(int[] a, int[] b) {
        for (int i = 0; i < Math.min(a.length, b.length); i++) {
            if (a[i] != b[i]) {
                return Integer.compare(a[i], b[i]);
            }
        }
        return Integer.compare(a.length, b.length);
    }

    static String[] segments(String path) {
        String p = path.startsWith("/") ? path.substring(1) : path;
        return p.isEmpty() ? new String[0] : p.split("/", -1);
    }

    /** The matched route, its path parameters and its specificity rank (lower is more specific). */
    public record Match(RouteSpec spec, Map<String, String> pathParameters, int[] rank) {
    }

    private record Route(RouteSpec spec, String method, List<Segment> segments) {
        private static final int LITERAL = 0;
        private static final int PARAM = 1;
        private static final int GREEDY = 2;

        static Route parse(RouteSpec spec) {
            String key = spec.routeKey().trim();
            int space = key.indexOf(' ');
            if (space < 1 || !key.substring(space + 1).startsWith("/")) {
                throw new IllegalArgumentException("invalid HTTP route key '" + key + "': expected 'METHOD /path' or '$default'");
            }
            List<Segment> segments = new ArrayList<>();
            String[] parts = RouteTable.segments(key.substring(space + 1).trim());
            for (int i = 0; i < parts.length; i++) {
                String part = parts[i];
                if (part.startsWith("{") && part.endsWith("+}")) {
                    if (i != parts.length - 1) {
                        throw new IllegalArgumentException("greedy path variable must be last: " + key);
                    }
                    segments.add(new Segment(GREEDY, part.substring(1, part.length() - 2)));
                } else if (part.startsWith("{") && part.endsWith("}")) {
                    segments.add(new Segment(PARAM, part.substring(1, part.length() - 1)));
                } else {
                    segments.add(new Segment(LITERAL, part));
                }
            }
            return new Route(spec, key.substring(0, space).toUpperCase(), List.copyOf(segments));
        }

        Optional<Match> match(String requestMethod, String[] path) {
            if (!method.equals("ANY") && !method.equalsIgnoreCase(requestMethod)) {
                return Optional.empty();
            }
            Map<String, String> params = new LinkedHashMap<>();
            int[] rank = new int[segments.size() + 1];
            for (int i = 0; i < segments.size(); i++) {
                Segment segment = segments.get(i);
                rank[i] = segment.kind;
                if (segment.kind == GREEDY) {
                    if (i >= path.length) {
                        return Optional.empty();
                    }
                    params.put(segment.name, String.join("/", List.of(path).subList(i, path.length)));
                    rank[segments.size()] = method.equals("ANY") ? 1 : 0;
                    return Optional.of(new Match(spec, params, rank));
                }
                if (i >= path.length) {
                    return Optional.empty();
                }
                if (segment.kind == LITERAL && !segment.name.equals(path[i])) {
                    return Optional.empty();
                }
                if (segment.kind == PARAM) {
                    if (path[i].isEmpty()) {
                        return Optional.empty();
                    }
                    params.put(segment.name, path[i]);
                }
            }
            if (path.length != segments.size()) {
                return Optional.empty();
            }
            rank[segments.size()] = method.equals("ANY") ? 1 : 0;
            return Optional.of(new Match(spec, params, rank));
        }
    }

    private record Segment(int kind, String name) {
    }
}
