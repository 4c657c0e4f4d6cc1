package org.nefos.platform.quota;

/**
 * One line of a commission as identity-service takes it. Use {@link #charge} to get the pair of
 * provisions (member holding and project holding) Astakos expects for one resource.
 */
public record Provision(String holder, String source, String resource, long quantity) {

    /** The member and project provisions for {@code quantity} of {@code resource} (negative releases). */
    public static java.util.List<Provision> charge(String userId, String projectId, String resource, long quantity) {
        return java.util.List.of(new Provision("user:" + userId, "project:" + projectId, resource, quantity),
                new Provision("project:" + projectId, null, resource, quantity));
    }
}
