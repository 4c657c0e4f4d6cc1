package org.nefos.storage.domain;

import java.io.ByteArrayOutputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;

import org.nefos.platform.fault.FaultException;

/** The Pithos URL grammar after {@code /object-store/v1/}: top, account, container or object level. */
public record PithosPath(String account, String container, String object) {

    public static final int MAX_CONTAINER = 256;
    public static final int MAX_OBJECT = 1024;

    public enum Level {
        TOP, ACCOUNT, CONTAINER, OBJECT
    }

    public Level level() {
        if (account == null) {
            return Level.TOP;
        }
        if (container == null) {
            return Level.ACCOUNT;
        }
        return object == null ? Level.CONTAINER : Level.OBJECT;
    }

    /** Parses the raw (percent-encoded) remainder of the path. */
    public static PithosPath parse(String rawRest) {
        String rest = decode(rawRest);
        if (rest.isEmpty()) {
            return new PithosPath(null, null, null);
        }
        int a = rest.indexOf('/');
        if (a < 0 || a == rest.length() - 1) {
            return new PithosPath(a < 0 ? rest : rest.substring(0, a), null, null);
        }
        String account = rest.substring(0, a);
        String afterAccount = rest.substring(a + 1);
        int c = afterAccount.indexOf('/');
        String container = c < 0 ? afterAccount : afterAccount.substring(0, c);
        String object = c < 0 || c == afterAccount.length() - 1 ? null : afterAccount.substring(c + 1);
        if (container.length() > MAX_CONTAINER) {
            throw FaultException.badRequest("Container name too long");
        }
        if (object != null) {
            validateObjectName(object);
        }
        return new PithosPath(account, container, object);
    }

    public static void validateObjectName(String object) {
        if (object.length() > MAX_OBJECT) {
            throw FaultException.badRequest("Object name too long");
        }
        if (object.indexOf('\0') >= 0) {
            throw FaultException.badRequest("Object name contains a NUL character");
        }
        for (String segment : object.split("/", -1)) {
            if (segment.equals("..") || segment.equals(".")) {
                throw FaultException.badRequest("Object name contains a relative path segment");
            }
        }
    }

    /** Percent-decoding of a path or header value as UTF-8 ({@code +} stays a plus). */
    public static String decode(String raw) {
        if (raw.indexOf('%') < 0) {
            return raw;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char ch = raw.charAt(i);
            if (ch == '%' && i + 2 < raw.length() + 0 && i + 2 <= raw.length() - 1
                    && Character.digit(raw.charAt(i + 1), 16) >= 0 && Character.digit(raw.charAt(i + 2), 16) >= 0) {
                out.write(Character.digit(raw.charAt(i + 1), 16) * 16 + Character.digit(raw.charAt(i + 2), 16));
                i += 2;
            } else if (ch < 0x80) {
                out.write(ch);
            } else {
                byte[] b = String.valueOf(ch).getBytes(StandardCharsets.UTF_8);
                out.write(b, 0, b.length);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(out.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw FaultException.badRequest("Invalid UTF-8 in request");
        }
    }
}
