package org.nefos.network.domain;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

import org.nefos.platform.fault.Fault;
import org.nefos.platform.fault.FaultException;

/**
 * A subnet's CIDR with Cyclades' rules (cyclades-api.md 4.3): IPv4 with zero host bits and a prefix in
 * [22, 29] (else 413 "Unsupported network size"), IPv6 only as a /64.
 */
public record Cidr(int version, String text, long network, int prefix) {

    public static final int MIN_IPV4_PREFIX = 22;
    public static final int MAX_IPV4_PREFIX = 29;
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:]+");

    public static Cidr parse(String text, int version) {
        if (text == null) {
            throw FaultException.badRequest("Malformed request: 'cidr' is required");
        }
        int slash = text.indexOf('/');
        if (slash < 0 || !text.substring(slash + 1).matches("\\d{1,3}")) {
            throw FaultException.badRequest("Malformed CIDR '" + text + "'");
        }
        String address = text.substring(0, slash);
        int prefix = Integer.parseInt(text.substring(slash + 1));
        if (version == 4) {
            long value = Ipv4.parse(address);
            if (value < 0 || prefix > 32) {
                throw FaultException.badRequest("Malformed CIDR '" + text + "'");
            }
            long mask = prefix == 0 ? 0 : (0xffffffffL << (32 - prefix)) & 0xffffffffL;
            if ((value & ~mask & 0xffffffffL) != 0) {
                throw FaultException.badRequest("Malformed CIDR '" + text + "': host bits must be zero");
            }
            if (prefix < MIN_IPV4_PREFIX || prefix > MAX_IPV4_PREFIX) {
                throw new FaultException(Fault.OVER_LIMIT, "Unsupported network size.");
            }
            return new Cidr(4, Ipv4.format(value) + "/" + prefix, value, prefix);
        }
        if (!address.contains(":") || !IPV6.matcher(address).matches() || prefix > 128) {
            throw FaultException.badRequest("Malformed CIDR '" + text + "'");
        }
        try {
            // a literal with ':' only: InetAddress never resolves names for it
            byte[] bytes = InetAddress.getByName(address).getAddress();
            if (bytes.length != 16) {
                throw FaultException.badRequest("Malformed CIDR '" + text + "'");
            }
            for (int i = 8; i < 16; i++) {
                if (bytes[i] != 0) {
                    throw FaultException.badRequest("Malformed CIDR '" + text + "': host bits must be zero");
                }
            }
        } catch (UnknownHostException e) {
            throw FaultException.badRequest("Malformed CIDR '" + text + "'");
        }
        if (prefix != 64) {
            throw FaultException.badRequest("Only /64 IPv6 subnets are supported");
        }
        return new Cidr(6, text.toLowerCase(), 0, prefix);
    }

    public long size() {
        return 1L << (32 - prefix);
    }

    public long broadcast() {
        return network + size() - 1;
    }

    public long firstHost() {
        return network + 1;
    }

    public long lastHost() {
        return broadcast() - 1;
    }

    public boolean containsHost(long address) {
        return address >= firstHost() && address <= lastHost();
    }

    /** True when {@code address} (IPv6 text) lies inside this /64. */
    public boolean containsV6(String address) {
        if (address == null || !address.contains(":") || !IPV6.matcher(address).matches()) {
            return false;
        }
        try {
            byte[] a = InetAddress.getByName(address).getAddress();
            byte[] n = InetAddress.getByName(text.substring(0, text.indexOf('/'))).getAddress();
            for (int i = 0; i < 8; i++) {
                if (a[i] != n[i]) {
                    return false;
                }
            }
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
