package org.nefos.events.storage;

import java.time.Instant;

/**
 * A Pithos object was published ({@code published} true, {@code publicUrl} the anonymous link) or
 * unpublished ({@code publicUrl} null). No new version is created; {@code sequence} is drawn from the same
 * global serial as version ids, so it is newer than every earlier event of the object.
 */
public record ObjectPublished(String objectId, String account, String projectId, String container, String name,
        boolean published, String publicUrl, long version, long sequence, String changedBy, Instant changedAt) {
}
