package org.nefos.identity.service;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.nefos.identity.config.IdentityConfig;

/**
 * The service catalog of identity-api.md 8: exactly the eleven public service types, one endpoint each,
 * every URL built from the gateway's public base URL. Built once; it is the same for every caller.
 */
@ApplicationScoped
public class Catalog {

    private final List<Map<String, Object>> services;

    @Inject
    public Catalog(IdentityConfig config) {
        String base = stripSlash(config.publicUrl());
        List<Map<String, Object>> s = new ArrayList<>();
        s.add(service("astakos_account", "account", "v1.0", base + "/account/v1.0", true, base + "/ui"));
        s.add(service("astakos_identity", "identity", "v2.0", base + "/identity/v2.0", true, base + "/ui"));
        Map<String, Object> weblogin = service("astakos_weblogin", "astakos_weblogin", "", base + "/weblogin", false,
                base + "/ui");
        endpoint(weblogin).put("SNF:webloginURL", base + "/weblogin");
        s.add(weblogin);
        s.add(service("astakos_oauth2", "astakos_auth", "", base + "/oauth2", false, base + "/ui"));
        s.add(service("cyclades_compute", "compute", "v2.0", base + "/compute/v2.0", true, base + "/ui"));
        s.add(service("cyclades_network", "network", "v2.0", base + "/network", false, base + "/ui"));
        s.add(service("cyclades_volume", "volume", "v2.0", base + "/volume", false, base + "/ui"));
        s.add(service("cyclades_plankton", "image", "v1.0", base + "/image", false, base + "/ui"));
        s.add(service("cyclades_vmapi", "vmapi", "v1.0", base + "/vmapi/v1.0", true, base + "/ui"));
        s.add(service("cyclades_admin", "admin", "", base + "/admin", false, base + "/ui"));
        s.add(service("pithos_object-store", "object-store", "v1", base + "/object-store/v1", true, base + "/ui"));
        this.services = List.copyOf(s);
    }

    public List<Map<String, Object>> services() {
        return services;
    }

    private static Map<String, Object> service(String name, String type, String version, String url,
            boolean exposeVersion, String uiUrl) {
        Map<String, Object> endpoint = new LinkedHashMap<>();
        endpoint.put("versionId", version);
        endpoint.put("publicURL", url);
        endpoint.put("SNF:exposeVersion", exposeVersion ? "True" : "False");
        endpoint.put("SNF:uiURL", uiUrl);
        endpoint.put("region", "default");
        Map<String, Object> service = new LinkedHashMap<>();
        service.put("name", name);
        service.put("type", type);
        service.put("endpoints_links", List.of());
        service.put("endpoints", List.of(endpoint));
        return service;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> endpoint(Map<String, Object> service) {
        return ((List<Map<String, Object>>) service.get("endpoints")).get(0);
    }

    static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
