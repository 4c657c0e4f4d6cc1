package org.nefos.platform.auth;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Who is calling: an end user (user token) or a Nefos/Synnefo component (service token). The two
 * kinds are never interchangeable.
 */
public record Principal(Kind kind, String id, String name, String defaultProject, Set<String> projects,
        List<String> roles, Instant expires) {

    public enum Kind {
        USER, COMPONENT
    }

    public static Principal user(String uuid, String name, String defaultProject, Set<String> projects,
            List<String> roles, Instant expires) {
        return new Principal(Kind.USER, uuid, name, defaultProject, Set.copyOf(projects), List.copyOf(roles), expires);
    }

    public static Principal component(String componentName, Instant expires) {
        return new Principal(Kind.COMPONENT, componentName, componentName, null, Set.of(), List.of(), expires);
    }

    public boolean isUser() {
        return kind == Kind.USER;
    }

    public boolean isComponent() {
        return kind == Kind.COMPONENT;
    }

    /** True while the token that produced this principal is valid at {@code now}. */
    public boolean validAt(Instant now) {
        return expires == null || now.isBefore(expires);
    }
}
