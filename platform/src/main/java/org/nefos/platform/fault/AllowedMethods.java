package org.nefos.platform.fault;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import jakarta.enterprise.inject.spi.Bean;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;

import io.quarkus.arc.Arc;

/**
 * The methods a path accepts, for the {@code Allow} header of 405 replies (RESTEasy Reactive raises
 * the 405 without one). Built once from the JAX-RS annotations of the application's resource beans.
 */
final class AllowedMethods {

    private record Route(Pattern path, String method) {
    }

    private static volatile List<Route> routes;

    private AllowedMethods() {
    }

    static String forPath(String path) {
        Set<String> allowed = new TreeSet<>();
        for (Route r : routes()) {
            if (matches(r.path(), path)) {
                allowed.add(r.method());
            }
        }
        return String.join(",", allowed);
    }

    /**
     * A collection method's {@code {slash: /?}} joins its class path with a '/', so the template wants a trailing
     * slash that RESTEasy does not: a path matches with or without it.
     */
    static boolean matches(Pattern route, String path) {
        return route.matcher(path).matches() || route.matcher(path + "/").matches();
    }

    private static List<Route> routes() {
        List<Route> r = routes;
        if (r == null) {
            r = scan();
            routes = r;
        }
        return r;
    }

    private static List<Route> scan() {
        List<Route> found = new ArrayList<>();
        for (Bean<?> bean : Arc.container().beanManager().getBeans(Object.class)) {
            Class<?> type = bean.getBeanClass();
            Path classPath = type.getAnnotation(Path.class);
            if (classPath == null) {
                continue;
            }
            for (Method m : type.getMethods()) {
                String verb = httpMethod(m);
                if (verb == null) {
                    continue;
                }
                Path methodPath = m.getAnnotation(Path.class);
                String template = join(classPath.value(), methodPath == null ? "" : methodPath.value());
                found.add(new Route(Pattern.compile(toRegex(template) + "/?"), verb));
            }
        }
        return List.copyOf(found);
    }

    private static String httpMethod(Method m) {
        for (var a : m.getAnnotations()) {
            HttpMethod hm = a.annotationType().getAnnotation(HttpMethod.class);
            if (hm != null) {
                return hm.value();
            }
        }
        return null;
    }

    static String join(String a, String b) {
        String left = a.startsWith("/") ? a : "/" + a;
        if (left.endsWith("/")) {
            left = left.substring(0, left.length() - 1);
        }
        if (b.isEmpty()) {
            return left;
        }
        return b.startsWith("/") || b.startsWith("{") ? left + (b.startsWith("{") ? "/" : "") + b : left + "/" + b;
    }

    /** {@code /a/{id}/b{slash: /?}} to {@code /a/([^/]+)/b(/?)}. */
    static String toRegex(String template) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            if (c != '{') {
                out.append(Pattern.quote(String.valueOf(c)));
                i++;
                continue;
            }
            int depth = 1;
            int j = i + 1;
            while (j < template.length() && depth > 0) {
                if (template.charAt(j) == '{') {
                    depth++;
                } else if (template.charAt(j) == '}') {
                    depth--;
                }
                j++;
            }
            String variable = template.substring(i + 1, j - 1);
            int colon = variable.indexOf(':');
            out.append('(').append(colon < 0 ? "[^/]+" : variable.substring(colon + 1).trim()).append(')');
            i = j;
        }
        return out.toString();
    }
}
