package org.nefos.compute.service;

import java.util.Collection;
import java.util.Map;

import org.nefos.platform.fault.FaultException;

/** Server metadata and tag limits (cyclades-api.md 1.9): all 400, never 413. */
public final class MetadataRules {

    static final int MAX_KEY = 50;
    static final int MAX_VALUE = 500;
    static final int MAX_TAG = 60;

    private MetadataRules() {
    }

    public static void checkItems(Map<String, String> items) {
        items.forEach((k, v) -> {
            if (k.isEmpty() || k.length() > MAX_KEY) {
                throw FaultException.badRequest("Metadata key must be 1 to " + MAX_KEY + " characters long");
            }
            if (v.length() > MAX_VALUE) {
                throw FaultException.badRequest("Metadata value must be at most " + MAX_VALUE + " characters long");
            }
        });
    }

    public static void checkCount(int count, int max) {
        if (count > max) {
            throw FaultException.badRequest("Virtual machines cannot have more than " + max + " metadata items");
        }
    }

    public static void checkTags(Collection<String> tags, int max) {
        if (tags.size() > max) {
            throw FaultException.badRequest("Virtual machines cannot have more than " + max + " tags");
        }
        tags.forEach(MetadataRules::checkTag);
    }

    public static void checkTag(String tag) {
        if (tag.isEmpty() || tag.length() > MAX_TAG || tag.contains("/") || tag.contains(",")) {
            throw FaultException.badRequest("Invalid tag: tags are 1 to " + MAX_TAG
                    + " characters without '/' or ','");
        }
    }
}
