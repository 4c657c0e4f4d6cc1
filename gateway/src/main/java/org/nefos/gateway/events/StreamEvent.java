package org.nefos.gateway.events;

import java.util.Set;

/**
 * One state change as the stream delivers it: {@code seq} is this gateway's position in its ring,
 * {@code message} the JSON object sent to clients (SSE {@code data:} line, WebSocket text frame).
 * {@code owner} is the user uuid the resource belongs to; {@code sharedWith} the users the event is
 * also shown to (users a Pithos object was just shared with, an image's members), or {@link #EVERYONE}.
 * Events without an owner reach nobody.
 */
public record StreamEvent(long seq, String streamId, String type, String owner, Set<String> sharedWith,
        String message) {

    /** In {@code sharedWith}: every authenticated user may see the event (a public image, say). */
    public static final String EVERYONE = "*";

    /** True when the user {@code uuid} may see this event. */
    public boolean visibleTo(String uuid) {
        return uuid != null && owner != null
                && (uuid.equals(owner) || sharedWith.contains(uuid) || sharedWith.contains(EVERYONE));
    }
}
