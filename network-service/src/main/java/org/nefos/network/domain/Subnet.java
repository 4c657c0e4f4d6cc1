package org.nefos.network.domain;

import java.util.List;

/** A subnet of a network; IPv4 subnets own allocation pools ({@code [first, last]} as numbers). */
public record Subnet(long id, long networkId, String name, String userId, String projectId, boolean isPublic,
        int ipVersion, String cidr, String gatewayIp, boolean enableDhcp, String dnsNameservers, String hostRoutes,
        List<long[]> pools) {
}
