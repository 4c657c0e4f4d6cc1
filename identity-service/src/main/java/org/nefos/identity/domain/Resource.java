package org.nefos.identity.domain;

/** A quota resource as registered by a component's service (identity-api.md 9.2). */
public record Resource(String name, String service, String component, String description, String unit,
        boolean uiVisible, boolean apiVisible, long systemDefault, long projectDefault) {

    /** 2^63-1, Astakos' "infinite". */
    public static final long INFINITE = Long.MAX_VALUE;
}
