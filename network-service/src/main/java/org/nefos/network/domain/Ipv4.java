package org.nefos.network.domain;

import java.util.regex.Pattern;

/** IPv4 addresses as unsigned 32-bit numbers held in a long, and their dotted form. */
public final class Ipv4 {

    private static final Pattern DOTTED = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");

    private Ipv4() {
    }

    /** The address, or -1 when {@code text} is not a dotted-quad IPv4 address. */
    public static long parse(String text) {
        if (text == null) {
            return -1;
        }
        var m = DOTTED.matcher(text);
        if (!m.matches()) {
            return -1;
        }
        long value = 0;
        for (int i = 1; i <= 4; i++) {
            int octet = Integer.parseInt(m.group(i));
            if (octet > 255) {
                return -1;
            }
            value = (value << 8) | octet;
        }
        return value;
    }

    public static String format(long value) {
        return ((value >> 24) & 0xff) + "." + ((value >> 16) & 0xff) + "." + ((value >> 8) & 0xff) + "." + (value & 0xff);
    }
}
