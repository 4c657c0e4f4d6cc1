package org.nefos.storage.streaming;

/** Serialization of a reply body (spec §1.4). */
public enum Format {
    TEXT("text/plain; charset=UTF-8"), JSON("application/json; charset=UTF-8"), XML("application/xml; charset=UTF-8");

    private final String contentType;

    Format(String contentType) {
        this.contentType = contentType;
    }

    public String contentType() {
        return contentType;
    }
}
