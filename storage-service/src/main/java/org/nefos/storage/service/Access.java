package org.nefos.storage.service;

import org.nefos.storage.domain.Sharing;

/**
 * What the caller may do with one object path, and the effective permissions (own, or inherited from the
 * nearest shared folder named by {@code sharedBy}).
 */
public record Access(Right right, Sharing sharing, String sharedBy, boolean published) {

    public enum Right {
        NONE, READ, WRITE, OWNER
    }

    public boolean canRead() {
        return right != Right.NONE || published;
    }

    public boolean canWrite() {
        return right == Right.WRITE || right == Right.OWNER;
    }

    public boolean isOwner() {
        return right == Right.OWNER;
    }
}
