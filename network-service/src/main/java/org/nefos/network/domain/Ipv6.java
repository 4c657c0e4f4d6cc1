package org.nefos.network.domain;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * IPv6 addresses of ports (cyclades-api.md 10): not pooled, but derived from the port's MAC (modified EUI-64)
 * inside the network's /64 once the MAC is assigned. Written in the RFC 5952 short form.
 */
public final class Ipv6 {

    private Ipv6() {
    }

    /** The address of {@code mac} ({@code aa:bb:cc:dd:ee:ff}) in the /64 {@code cidr}; null if either is unusable. */
    public static String eui64(String cidr, String mac) {
        if (cidr == null || mac == null) {
            return null;
        }
        String[] octets = mac.split(":");
        if (octets.length != 6) {
            return null;
        }
        byte[] address;
        try {
            address = InetAddress.getByName(cidr.substring(0, cidr.indexOf('/'))).getAddress();
        } catch (UnknownHostException | StringIndexOutOfBoundsException e) {
            return null;
        }
        if (address.length != 16) {
            return null;
        }
        int[] m = new int[6];
        for (int i = 0; i < 6; i++) {
            try {
                m[i] = Integer.parseInt(octets[i], 16);
            } catch (NumberFormatException e) {
                return null;
            }
        }
        address[8] = (byte) (m[0] ^ 0x02);
        address[9] = (byte) m[1];
        address[10] = (byte) m[2];
        address[11] = (byte) 0xff;
        address[12] = (byte) 0xfe;
        address[13] = (byte) m[3];
        address[14] = (byte) m[4];
        address[15] = (byte) m[5];
        return format(address);
    }

    /** RFC 5952: lower case, no leading zeros, the longest run (≥ 2) of zero groups as {@code ::}. */
    static String format(byte[] a) {
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) {
            g[i] = ((a[2 * i] & 0xff) << 8) | (a[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8;) {
            if (g[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j;
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                b.append(i == 0 ? "::" : ":");
                i += bestLength - 1;
                continue;
            }
            b.append(Integer.toHexString(g[i]));
            if (i < 7) {
                b.append(':');
            }
        }
        return b.toString();
    }
}
