package org.nefos.gateway.grpc;

import java.util.List;

import jakarta.inject.Inject;

import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Uni;
import oaktree.Common.Filter;
import oaktree.FlavorOuterClass.Flavor;
import oaktree.FlavorOuterClass.FlavorList;
import oaktree.FloatingIp.FloatingIP;
import oaktree.FloatingIp.FloatingIPList;
import oaktree.ImageOuterClass.Image;
import oaktree.ImageOuterClass.ImageList;
import oaktree.SecurityGroupOuterClass.SecurityGroup;
import oaktree.SecurityGroupOuterClass.SecurityGroupList;
import oaktree.SecurityGroupOuterClass.SecurityGroupRule;
import oaktree.SecurityGroupOuterClass.SecurityGroupRuleList;
import org.openstack.infra.oaktree.Oaktree;

/**
 * {@code oaktree.Oaktree} exactly as oaktree declared it, now with every RPC answering: the filter map,
 * name_or_id, paging and a filled Location. Synnefo has no security groups: their lists are empty and their
 * Gets NOT_FOUND.
 */
@GrpcService
public class LegacyOaktreeService implements Oaktree {

    private final Resources resources;

    @Inject
    public LegacyOaktreeService(Resources resources) {
        this.resources = resources;
    }

    @Override
    public Uni<Flavor> getFlavor(Filter request) {
        return resources.get(request, resources::flavors, "flavor");
    }

    @Override
    public Uni<FlavorList> listFlavors(Filter request) {
        return resources.list(request, resources::flavors,
                p -> FlavorList.newBuilder().addAllFlavors(p.items()).setNextPageToken(p.nextToken()).build());
    }

    @Override
    public Uni<FloatingIP> getFloatingIP(Filter request) {
        return resources.get(request, resources::floatingIps, "floating IP");
    }

    @Override
    public Uni<FloatingIPList> listFloatingIPs(Filter request) {
        return resources.list(request, resources::floatingIps,
                p -> FloatingIPList.newBuilder().addAllFloatingIps(p.items()).setNextPageToken(p.nextToken()).build());
    }

    @Override
    public Uni<Image> getImage(Filter request) {
        return resources.get(request, resources::images, "image");
    }

    @Override
    public Uni<ImageList> listImages(Filter request) {
        return resources.list(request, resources::images,
                p -> ImageList.newBuilder().addAllImages(p.items()).setNextPageToken(p.nextToken()).build());
    }

    @Override
    public Uni<SecurityGroup> getSecurityGroup(Filter request) {
        return resources.get(request, c -> Uni.createFrom().item(List.<SecurityGroup>of()), "security group");
    }

    @Override
    public Uni<SecurityGroupList> listSecurityGroups(Filter request) {
        return resources.list(request, c -> Uni.createFrom().item(List.<SecurityGroup>of()),
                p -> SecurityGroupList.newBuilder().addAllSecurityGroups(p.items()).build());
    }

    @Override
    public Uni<SecurityGroupRule> getSecurityGroupRule(Filter request) {
        return resources.get(request, c -> Uni.createFrom().item(List.<SecurityGroupRule>of()), "security group rule");
    }

    @Override
    public Uni<SecurityGroupRuleList> listSecurityGroupRules(Filter request) {
        return resources.list(request, c -> Uni.createFrom().item(List.<SecurityGroupRule>of()),
                p -> SecurityGroupRuleList.newBuilder().addAllRules(p.items()).build());
    }
}
