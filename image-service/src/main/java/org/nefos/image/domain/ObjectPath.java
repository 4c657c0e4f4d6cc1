package org.nefos.image.domain;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import org.nefos.platform.fault.FaultException;

/** A Pithos object path (account uuid, container, object name) and the {@code pithos://} location form. */
public record ObjectPath(String account, String container, String object) {

    private static final String SCHEME = "pithos://";

    /**
     * Parses {@code X-Image-Meta-Location}: {@code pithos://<account>/<container>/<object>}, or
     * {@code /<container>/<object>} for an object of the requester's own account; parts are percent-decoded.
     */
    public static ObjectPath parse(String location, String requester) {
        String account;
        String rest;
        if (location == null || location.isEmpty()) {
            throw FaultException.badRequest("Invalid location: a location is required");
        }
        if (location.startsWith(SCHEME)) {
            rest = location.substring(SCHEME.length());
            int slash = rest.indexOf('/');
            if (slash <= 0) {
                throw FaultException.badRequest("Invalid location '" + location + "'");
            }
            account = decode(rest.substring(0, slash), "location");
            rest = rest.substring(slash + 1);
        } else if (location.startsWith("/")) {
            account = requester;
            rest = location.substring(1);
        } else {
            throw FaultException.badRequest("Invalid location '" + location + "'");
        }
        int slash = rest.indexOf('/');
        if (slash <= 0 || slash == rest.length() - 1) {
            throw FaultException.badRequest("Invalid location '" + location + "'");
        }
        String container = decode(rest.substring(0, slash), "location");
        String object = decode(rest.substring(slash + 1), "location");
        if (account.isEmpty() || container.isEmpty() || object.isEmpty() || container.length() > 256
                || object.length() > 1024) {
            throw FaultException.badRequest("Invalid location '" + location + "'");
        }
        return new ObjectPath(account, container, object);
    }

    /** {@code pithos://<account>/<container>/<object>}, each part percent-encoded ({@code /} literal in the object). */
    public String location() {
        return SCHEME + encode(account, false) + "/" + encode(container, false) + "/" + encode(object, true);
    }

    /** The Pithos API path below {@code /object-store/v1/}. */
    public String apiPath() {
        return encode(account, false) + "/" + encode(container, false) + "/" + encode(object, true);
    }

    /** Percent-encodes UTF-8, keeping the unreserved characters (and {@code /} when asked). */
    public static String encode(String s, boolean keepSlash) {
        StringBuilder b = new StringBuilder(s.length());
        for (byte x : s.getBytes(StandardCharsets.UTF_8)) {
            int c = x & 0xff;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_'
                    || c == '.' || c == '~' || keepSlash && c == '/') {
                b.append((char) c);
            } else {
                b.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return b.toString();
    }

    /** Strict percent-decoding to UTF-8 ({@code +} stays); malformed input is a 400 naming {@code what}. */
    public static String decode(String s, String what) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%') {
                if (i + 2 >= s.length()) {
                    throw FaultException.badRequest("Invalid " + what + ": bad percent-encoding");
                }
                int hi = Character.digit(s.charAt(i + 1), 16);
                int lo = Character.digit(s.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw FaultException.badRequest("Invalid " + what + ": bad percent-encoding");
                }
                out.write(hi << 4 | lo);
                i += 2;
            } else {
                byte[] raw = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                out.write(raw, 0, raw.length);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(out.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            throw FaultException.badRequest("Invalid " + what + ": not UTF-8");
        }
    }
}
