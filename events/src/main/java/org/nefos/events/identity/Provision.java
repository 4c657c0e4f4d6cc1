package org.nefos.events.identity;

/** One line of a commission: {@code quantity} of {@code resource} charged (or released, if negative). */
public record Provision(String holder, String source, String resource, long quantity) {
}
