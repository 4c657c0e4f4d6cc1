package org.nefos.platform.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

class AllowedMethodsTest {

    @Test
    void templatesBecomeRegularExpressions() {
        Pattern p = Pattern.compile(AllowedMethods.toRegex(AllowedMethods.join("/account/v1.0/commissions", "/{serial: \\d+}/action")));
        assertTrue(p.matcher("/account/v1.0/commissions/12/action").matches());
        assertFalse(p.matcher("/account/v1.0/commissions/ab/action").matches());
        Pattern slash = Pattern.compile(AllowedMethods.toRegex(AllowedMethods.join("/identity", "/v2.0/tokens{slash: /?}")));
        assertTrue(slash.matcher("/identity/v2.0/tokens").matches());
        assertTrue(slash.matcher("/identity/v2.0/tokens/").matches());
        Pattern plain = Pattern.compile(AllowedMethods.toRegex(AllowedMethods.join("/identity/v2.0/users", "{uuid}")));
        assertTrue(plain.matcher("/identity/v2.0/users/abc").matches());
        assertFalse(plain.matcher("/identity/v2.0/users/abc/def").matches());
        assertEquals("/a", AllowedMethods.join("a/", ""));
    }

    @Test
    void aCollectionRouteMatchesWithAndWithoutItsTrailingSlash() {
        Pattern collection = Pattern.compile(AllowedMethods.toRegex(AllowedMethods.join(
                "/volume/{version: v2(\\.0)?}/volumes", "{slash: /?}")) + "/?");
        assertTrue(AllowedMethods.matches(collection, "/volume/v2.0/volumes"));
        assertTrue(AllowedMethods.matches(collection, "/volume/v2/volumes/"));
        assertFalse(AllowedMethods.matches(collection, "/volume/v3/volumes"));
        assertFalse(AllowedMethods.matches(collection, "/volume/v2.0/volumes/1"));
    }
}
