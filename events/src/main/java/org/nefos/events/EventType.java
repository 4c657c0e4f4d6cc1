package org.nefos.events;

import java.util.regex.Pattern;

/**
 * One CloudEvents {@code type}: its name, the topic it travels on and the record of its payload.
 * Names follow {@code org.nefos.<domain>.<resource>.<action>[.<phase>].v<major>}.
 */
public record EventType<T>(String type, String topic, Class<T> payload) {

    private static final Pattern GRAMMAR = Pattern.compile(
            "org\\.nefos\\.[a-z]+\\.[a-z_]+\\.[a-z_]+(\\.(started|progress|completed|failed))?\\.v[0-9]+");

    public EventType {
        if (!GRAMMAR.matcher(type).matches()) {
            throw new IllegalArgumentException("event type does not follow the grammar: " + type);
        }
    }

    /** The major version, the number after the last {@code .v}. */
    public int majorVersion() {
        return Integer.parseInt(type.substring(type.lastIndexOf(".v") + 2));
    }
}
