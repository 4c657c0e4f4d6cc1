package org.nefos.gateway.events;

import java.util.LinkedHashSet;
import java.util.Set;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.nefos.platform.events.CloudEvent;

/**
 * Turns a CloudEvent from a state-change topic into what clients receive, and says whom it concerns.
 *
 * <p>Who sees an event: the resource's owner, the user uuid in the payload's {@code userId} (compute,
 * network, volume, image events) or {@code account} (Pithos events). In addition the users an object was
 * shared with directly (uuids in the {@code readers}/{@code writers} lists of
 * {@code org.nefos.storage.object.shared.v1}) see that sharing event, and an image's members see its
 * changes; a change of a public image, or a Pithos object shared with {@code *}, is shown to every
 * authenticated user, as they could read the resource anyway. Project membership alone shows
 * nothing: in Cyclades a project member sees a resource only when it is {@code shared_to_project}, and
 * the events do not carry that flag, so such resources' events go to their owner only. Events without an
 * owner (backend job reports) are not streamed.
 */
final class EventMessages {

    static final String REPLAY_INCOMPLETE = "nefos.stream.replay_incomplete";

    private EventMessages() {
    }

    /** The client-facing event, or null when the record's data is not a JSON object. */
    static StreamEvent toStreamEvent(long seq, String streamId, CloudEvent event) {
        JsonObject data;
        try {
            data = event.data() == null ? null : new JsonObject(event.data());
        } catch (DecodeException | ClassCastException e) {
            return null;
        }
        if (data == null) {
            return null;
        }
        String owner = data.getString("userId", data.getString("account"));
        Set<String> shared = new LinkedHashSet<>();
        if (event.type().startsWith("org.nefos.storage.object.shared.")) {
            addUsers(shared, data.getValue("readers"));
            addUsers(shared, data.getValue("writers"));
        } else if (event.type().startsWith("org.nefos.image.")) {
            addUsers(shared, data.getValue("members"));
            if (data.getBoolean("isPublic", false)) {
                shared.add(StreamEvent.EVERYONE);
            }
        }
        JsonObject message = new JsonObject()
                .put("stream_id", streamId)
                .put("id", event.id())
                .put("type", event.type())
                .put("source", event.source())
                .put("subject", event.subject())
                .put("time", event.time() == null ? null : event.time().toString())
                .put("data", data);
        return new StreamEvent(seq, streamId, event.type(), owner, Set.copyOf(shared), message.encode());
    }

    /** The notice sent first to a client whose {@code Last-Event-ID} cannot be fully replayed. */
    static String replayIncomplete(String lastEventId) {
        return new JsonObject().put("stream_id", (String) null).put("type", REPLAY_INCOMPLETE)
                .put("data", new JsonObject().put("last_event_id", lastEventId)
                        .put("message", "Some events after last_event_id are no longer held by this gateway;"
                                + " reload the resources' state"))
                .encode();
    }

    private static void addUsers(Set<String> into, Object list) {
        if (list instanceof JsonArray array) {
            for (Object entry : array) {
                // user uuids and "*" (everyone); "<owner>:<group>" is not resolved here
                if (entry instanceof String s && !s.isBlank() && s.indexOf(':') < 0) {
                    into.add(s);
                }
            }
        }
    }
}
