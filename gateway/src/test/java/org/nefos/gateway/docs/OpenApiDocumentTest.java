package org.nefos.gateway.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.Test;
import org.nefos.gateway.events.EventStreams;
import org.nefos.gateway.routing.PrefixRoutes;

/** The one OpenAPI document stays complete and consistent as the API grows. */
class OpenApiDocumentTest {

    private static final Set<String> METHODS = Set.of("get", "head", "post", "put", "patch", "delete", "options");

    /** The main endpoints of each specification; the document must describe every one. */
    private static final List<String> REQUIRED = List.of(
            "post /identity/v2.0/tokens", "get /identity/v2.0/tokens/{id}", "post /identity/v2.0/users",
            "get /account/v1.0/quotas", "get /account/v1.0/resources", "post /account/v1.0/commissions",
            "post /account/v1.0/commissions/{id}/action", "post /account/v1.0/user_catalogs",
            "get /account/v1.0/projects", "post /account/v1.0/projects", "post /account/v1.0/projects/memberships",
            "get /compute/v2.0/servers", "post /compute/v2.0/servers", "get /compute/v2.0/servers/detail",
            "get /compute/v2.0/servers/{id}", "delete /compute/v2.0/servers/{id}",
            "post /compute/v2.0/servers/{id}/action", "get /compute/v2.0/servers/{id}/metadata",
            "get /compute/v2.0/flavors/detail", "get /compute/v2.0/images", "post /compute/v2.0/os-keypairs",
            "post /compute/v2.0/servers/{id}/os-volume_attachments",
            "get /volume/v2.0/volumes", "post /volume/v2.0/volumes", "delete /volume/v2.0/volumes/{id}",
            "get /volume/v2.0/types", "post /volume/v2.0/snapshots",
            "post /network/v2.0/networks", "delete /network/v2.0/networks/{id}", "post /network/v2.0/subnets",
            "post /network/v2.0/ports", "delete /network/v2.0/ports/{id}", "post /network/v2.0/floatingips",
            "get /image/v1.0/images", "post /image/v1.0/images", "head /image/v1.0/images/{id}",
            "put /image/v1.0/images/{id}/members",
            "head /object-store/v1/{account}", "get /object-store/v1/{account}",
            "put /object-store/v1/{account}/{container}", "get /object-store/v1/{account}/{container}",
            "put /object-store/v1/{account}/{container}/{object}", "get /object-store/v1/{account}/{container}/{object}",
            "head /object-store/v1/{account}/{container}/{object}",
            "delete /object-store/v1/{account}/{container}/{object}", "get /public/{id}",
            "get " + EventStreams.PATH);

    private final JsonNode doc;

    OpenApiDocumentTest() throws Exception {
        doc = new YAMLMapper().readTree(ApiDocs.read(ApiDocs.YAML_RESOURCE));
    }

    private List<String> operations() {
        List<String> ops = new ArrayList<>();
        doc.get("paths").fields().forEachRemaining(p -> p.getValue().fieldNames().forEachRemaining(m -> {
            if (METHODS.contains(m)) {
                ops.add(m + " " + p.getKey());
            }
        }));
        return ops;
    }

    @Test
    void isAnOpenApi3Document() {
        assertTrue(doc.path("openapi").asText().startsWith("3."), "openapi version");
        assertFalse(doc.path("info").path("title").asText().isEmpty());
        assertTrue(doc.path("paths").size() > 50, "paths: " + doc.path("paths").size());
    }

    @Test
    void coversEveryPrefixTheGatewayRoutesAndTheEventStream() {
        Set<String> documented = new TreeSet<>();
        doc.get("paths").fieldNames().forEachRemaining(p -> documented.add(PrefixRoutes.firstSegment(p)));
        Set<String> served = new TreeSet<>(PrefixRoutes.prefixes());
        served.add(PrefixRoutes.firstSegment(EventStreams.PATH));
        Set<String> missing = new TreeSet<>(served);
        missing.removeAll(documented);
        assertTrue(missing.isEmpty(), "prefixes the gateway serves without documentation: " + missing);
        Set<String> unknown = new TreeSet<>(documented);
        unknown.removeAll(served);
        assertTrue(unknown.isEmpty(), "documented prefixes the gateway does not serve: " + unknown);
    }

    @Test
    void describesTheMainEndpointsOfEverySpecification() {
        Set<String> ops = new HashSet<>(operations());
        List<String> missing = REQUIRED.stream().filter(r -> !ops.contains(r)).toList();
        assertTrue(missing.isEmpty(), "undocumented: " + missing);
    }

    @Test
    void everyOperationHasAKnownTagASummaryAndResponses() {
        Set<String> tags = new HashSet<>();
        doc.get("tags").forEach(t -> tags.add(t.get("name").asText()));
        List<String> problems = new ArrayList<>();
        doc.get("paths").fields().forEachRemaining(p -> p.getValue().fields().forEachRemaining(m -> {
            if (!METHODS.contains(m.getKey())) {
                return;
            }
            JsonNode op = m.getValue();
            String name = m.getKey() + " " + p.getKey();
            if (op.path("tags").size() != 1 || !tags.contains(op.path("tags").get(0).asText())) {
                problems.add(name + ": tag");
            }
            if (op.path("summary").asText().isBlank()) {
                problems.add(name + ": summary");
            }
            if (op.path("responses").size() == 0) {
                problems.add(name + ": responses");
            }
        }));
        assertEquals(List.of(), problems);
    }

    @Test
    void everyPathParameterIsDeclaredAndEveryReferenceResolves() {
        List<String> problems = new ArrayList<>();
        Pattern template = Pattern.compile("\\{([^}]+)}");
        doc.get("paths").fields().forEachRemaining(p -> {
            Set<String> inPath = new HashSet<>();
            Matcher m = template.matcher(p.getKey());
            while (m.find()) {
                inPath.add(m.group(1));
            }
            p.getValue().fields().forEachRemaining(op -> {
                if (!METHODS.contains(op.getKey())) {
                    return;
                }
                Set<String> declared = new HashSet<>();
                for (JsonNode list : List.of(p.getValue().path("parameters"), op.getValue().path("parameters"))) {
                    list.forEach(param -> {
                        JsonNode resolved = resolve(param);
                        if ("path".equals(resolved.path("in").asText())) {
                            declared.add(resolved.path("name").asText());
                        }
                    });
                }
                if (!declared.equals(inPath)) {
                    problems.add(op.getKey() + " " + p.getKey() + ": path parameters " + declared + " vs " + inPath);
                }
            });
        });
        collectRefs(doc, problems);
        assertEquals(List.of(), problems);
    }

    private JsonNode resolve(JsonNode node) {
        if (!node.has("$ref")) {
            return node;
        }
        return doc.at(node.get("$ref").asText().substring(1));
    }

    private void collectRefs(JsonNode node, List<String> problems) {
        if (node.isObject()) {
            JsonNode ref = node.get("$ref");
            if (ref != null && (!ref.asText().startsWith("#/") || doc.at(ref.asText().substring(1)).isMissingNode())) {
                problems.add("unresolved " + ref.asText());
            }
            node.forEach(child -> collectRefs(child, problems));
        } else if (node.isArray()) {
            node.forEach(child -> collectRefs(child, problems));
        }
    }
}
