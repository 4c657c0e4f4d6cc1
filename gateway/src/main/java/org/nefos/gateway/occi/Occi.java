package org.nefos.gateway.occi;

import static org.nefos.gateway.occi.Category.Attribute.immutable;
import static org.nefos.gateway.occi.Category.Attribute.mutable;
import static org.nefos.gateway.occi.Category.Attribute.required;

import java.util.List;

/**
 * The OCCI model Nefos serves: the core and infrastructure kinds, the actions Cyclades can really perform,
 * and the template and contextualisation mixins (spec grpc-occi-cloudkeeper.md C.2, C.8, D.3). What Cyclades
 * cannot do (suspend, save, storage and network actions) is not advertised.
 */
public final class Occi {

    public static final String CORE = "http://schemas.ogf.org/occi/core#";
    public static final String INFRA = "http://schemas.ogf.org/occi/infrastructure#";
    public static final String COMPUTE_ACTION = "http://schemas.ogf.org/occi/infrastructure/compute/action#";
    public static final String NETWORK_MIXINS = "http://schemas.ogf.org/occi/infrastructure/network#";
    public static final String NETWORKINTERFACE_MIXINS = "http://schemas.ogf.org/occi/infrastructure/networkinterface#";
    public static final String OS_TPL_SCHEME = "http://schemas.openstack.org/template/os#";
    public static final String RESOURCE_TPL_SCHEME = "http://schemas.openstack.org/template/resource#";
    public static final String OPENSTACK_INSTANCE = "http://schemas.openstack.org/compute/instance#";
    public static final String OPENSTACK_CREDENTIALS = "http://schemas.openstack.org/instance/credentials#";
    public static final String CREDENTIALS = "http://schemas.ogf.org/occi/infrastructure/credentials#";
    public static final String COMPUTE_MIXINS = "http://schemas.ogf.org/occi/infrastructure/compute#";

    public static final Category ENTITY = Category.kind("entity", CORE, "Entity", null, null,
            List.of(immutable("occi.core.id", "string", "identifier"), mutable("occi.core.title", "string", "title")),
            List.of());
    public static final Category RESOURCE = Category.kind("resource", CORE, "Resource", ENTITY.id(), null,
            List.of(mutable("occi.core.summary", "string", "summary")), List.of());
    public static final Category LINK = Category.kind("link", CORE, "Link", ENTITY.id(), null,
            List.of(required("occi.core.source", "string", "source resource"),
                    required("occi.core.target", "string", "target resource")),
            List.of());

    public static final Category START = Category.action("start", COMPUTE_ACTION, "Start the compute resource",
            List.of());
    public static final Category STOP = Category.action("stop", COMPUTE_ACTION, "Stop the compute resource",
            List.of(mutable("method", "enum", "graceful, acpioff or poweroff")));
    public static final Category RESTART = Category.action("restart", COMPUTE_ACTION, "Restart the compute resource",
            List.of(mutable("method", "enum", "graceful, warm or cold")));

    public static final Category COMPUTE = Category.kind("compute", INFRA, "Compute Resource", RESOURCE.id(),
            "compute/",
            List.of(immutable("occi.compute.architecture", "enum", "x86 or x64"),
                    immutable("occi.compute.cores", "number", "virtual CPUs (from the resource template)"),
                    mutable("occi.compute.hostname", "string", "fully qualified host name"),
                    immutable("occi.compute.memory", "number", "memory in GiB (from the resource template)"),
                    immutable("occi.compute.state", "enum", "active, inactive, suspended or error"),
                    immutable("occi.compute.state.message", "string", "the Cyclades status")),
            List.of(START.id(), STOP.id(), RESTART.id()));

    public static final Category NETWORK = Category.kind("network", INFRA, "Network Resource", RESOURCE.id(),
            "network/",
            List.of(immutable("occi.network.vlan", "number", "VLAN (not exposed by Cyclades)"),
                    mutable("occi.network.label", "string", "label"),
                    immutable("occi.network.state", "enum", "active or inactive")),
            List.of());
    public static final Category IPNETWORK = Category.mixin("ipnetwork", NETWORK_MIXINS, "IP network", null,
            "ipnetwork/",
            List.of(mutable("occi.network.address", "string", "CIDR of the subnet"),
                    mutable("occi.network.gateway", "string", "gateway address"),
                    immutable("occi.network.allocation", "enum", "dynamic (DHCP) or static")));
    public static final Category NETWORKINTERFACE = Category.kind("networkinterface", INFRA, "Network Interface",
            LINK.id(), "networklink/",
            List.of(immutable("occi.networkinterface.interface", "string", "interface name"),
                    immutable("occi.networkinterface.mac", "string", "MAC address"),
                    immutable("occi.networkinterface.state", "enum", "active or inactive")),
            List.of());
    public static final Category IPNETWORKINTERFACE = Category.mixin("ipnetworkinterface", NETWORKINTERFACE_MIXINS,
            "IP network interface", null, "ipnetworkinterface/",
            List.of(immutable("occi.networkinterface.address", "string", "IP address (IPv4 or IPv6)"),
                    immutable("occi.networkinterface.gateway", "string", "gateway"),
                    immutable("occi.networkinterface.allocation", "enum", "dynamic or static")));

    public static final Category STORAGE = Category.kind("storage", INFRA, "Storage Resource", RESOURCE.id(),
            "storage/",
            List.of(required("occi.storage.size", "number", "size in GB"),
                    immutable("occi.storage.state", "enum", "online, offline or error"),
                    immutable("occi.storage.state.message", "string", "the Cyclades volume status")),
            List.of());
    public static final Category STORAGELINK = Category.kind("storagelink", INFRA, "Storage Link", LINK.id(),
            "storagelink/",
            List.of(immutable("occi.storagelink.deviceid", "string", "device on the compute resource"),
                    immutable("occi.storagelink.mountpoint", "string", "mount point (not known to Cyclades)"),
                    immutable("occi.storagelink.state", "enum", "active or inactive")),
            List.of());

    public static final Category OS_TPL = Category.mixin("os_tpl", INFRA, "OS template", null, "os_tpl/",
            List.of());
    public static final Category RESOURCE_TPL = Category.mixin("resource_tpl", INFRA, "Resource template", null,
            "resource_tpl/", List.of());
    public static final Category USER_DATA = Category.mixin("user_data", OPENSTACK_INSTANCE, "Contextualisation: user data",
            null, "mixin/user_data/",
            List.of(mutable("org.openstack.compute.user_data", "string", "user data, base64-encoded")));
    public static final Category PUBLIC_KEY = Category.mixin("public_key", OPENSTACK_CREDENTIALS,
            "Contextualisation: SSH public key", null, "mixin/public_key/",
            List.of(mutable("org.openstack.credentials.publickey.name", "string", "key name"),
                    mutable("org.openstack.credentials.publickey.data", "string", "OpenSSH public key")));
    public static final Category SSH_KEY = Category.mixin("ssh_key", CREDENTIALS, "SSH public key (OCCI 1.2)", null,
            "mixin/ssh_key/", List.of(mutable("occi.credentials.ssh.publickey", "string", "OpenSSH public key")));
    public static final Category USER_DATA_12 = Category.mixin("user_data", COMPUTE_MIXINS, "User data (OCCI 1.2)",
            null, "mixin/compute_user_data/",
            List.of(mutable("occi.compute.userdata", "string", "user data, base64-encoded")));

    /** The fixed part of the query interface, in the order it is rendered. */
    public static final List<Category> STATIC = List.of(ENTITY, RESOURCE, LINK, COMPUTE, START, STOP, RESTART,
            NETWORK, IPNETWORK, NETWORKINTERFACE, IPNETWORKINTERFACE, STORAGE, STORAGELINK, OS_TPL, RESOURCE_TPL, USER_DATA, PUBLIC_KEY,
            SSH_KEY, USER_DATA_12);

    /** Actions OCCI defines that Cyclades cannot perform: 501, and absent from the query interface. */
    public static final List<String> UNSUPPORTED_ACTIONS = List.of(COMPUTE_ACTION + "suspend", COMPUTE_ACTION + "save");

    private Occi() {
    }

    public static Category flavorTemplate(String id, String name, int cores, double memoryGiB, int diskGb) {
        return Category.mixin(id, RESOURCE_TPL_SCHEME, "Flavor: " + name + " (" + cores + " cores, " + memoryGiB
                + " GiB, " + diskGb + " GB disk)", RESOURCE_TPL.id(), "resource_tpl/" + id, List.of());
    }

    public static Category imageTemplate(String id, String name) {
        return Category.mixin(id, OS_TPL_SCHEME, name, OS_TPL.id(), "os_tpl/" + id, List.of());
    }
}
