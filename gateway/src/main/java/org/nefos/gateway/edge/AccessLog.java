package org.nefos.gateway.edge;

import org.jboss.logging.Logger;

/**
 * One line per request on the {@code org.nefos.gateway.access} category. Only the first path segment
 * is logged: paths and queries can carry capabilities (public link tokens, {@code X-Auth-Token}).
 */
public final class AccessLog {

    public static final String CATEGORY = "org.nefos.gateway.access";
    private static final Logger LOG = Logger.getLogger(CATEGORY);

    private AccessLog() {
    }

    public static String line(String method, String segment, int status, boolean completed, long bytes,
            long durationMs, String requestId) {
        return method + " /" + segment + (segment.isEmpty() ? "" : "/...") + " " + (completed ? Integer.toString(status) : status + "(reset)")
                + " " + bytes + "B " + durationMs + "ms rid=" + requestId;
    }

    public static void log(String line) {
        LOG.info(line);
    }
}
