package org.nefos.storage.domain;

import java.util.Locale;

/** Pithos' metadata key normalisation: {@code my_KEY} → {@code My-Key}. */
public final class MetaKeys {

    public static final int MAX_NAME = 128;
    public static final int MAX_VALUE = 256;
    public static final int MAX_ITEMS = 32;

    private MetaKeys() {
    }

    public static String normalise(String key) {
        String[] pieces = key.replace('_', '-').split("-", -1);
        StringBuilder b = new StringBuilder(key.length());
        for (int i = 0; i < pieces.length; i++) {
            if (i > 0) {
                b.append('-');
            }
            String p = pieces[i];
            if (!p.isEmpty()) {
                b.append(p.substring(0, 1).toUpperCase(Locale.ROOT)).append(p.substring(1).toLowerCase(Locale.ROOT));
            }
        }
        return b.toString();
    }
}
