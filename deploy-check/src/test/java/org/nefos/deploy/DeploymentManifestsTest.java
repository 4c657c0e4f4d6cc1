package org.nefos.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Keeps the deployment files in step with the code: every service module has a Dockerfile, a compose
 * service and a Kubernetes workload with probes and resources; every topic of {@code Topics.java} has a
 * KafkaTopic and is created by compose; every environment variable given to a service is one it reads,
 * and every one it reads is given; every file kustomize names exists. Where {@code kubectl} and
 * {@code docker-compose} are installed, their own validation runs too (skipped, and said so, where not).
 */
class DeploymentManifestsTest {

    static final Path ROOT = Path.of(System.getProperty("nefos.root", "..")).toAbsolutePath().normalize();
    static final Path K8S = ROOT.resolve("k8s");
    static final Path BASE = K8S.resolve("base");
    static final Path EXAMPLE = K8S.resolve("overlays/example");

    /** Variables a service reads with a default that is right in a container too. */
    static final Set<String> OPTIONAL_VARS = Set.of("NEFOS_DB_POOL");
    /** Variables of the JVM or the image rather than of the application. */
    static final Set<String> STANDARD_VARS = Set.of("JAVA_OPTS", "JAVA_TOOL_OPTIONS", "LANG", "LANGUAGE", "TZ");

    // ---------------------------------------------------------------- the services of the reactor

    /** Reactor modules that are Quarkus HTTP services (an application.properties with quarkus.http.port). */
    static List<String> serviceModules() {
        String pom = read(ROOT.resolve("pom.xml"));
        List<String> modules = new ArrayList<>();
        Matcher m = Pattern.compile("<module>([^<]+)</module>").matcher(pom);
        while (m.find()) {
            Path props = ROOT.resolve(m.group(1)).resolve("src/main/resources/application.properties");
            if (Files.isRegularFile(props) && read(props).contains("quarkus.http.port")) {
                modules.add(m.group(1));
            }
        }
        return modules;
    }

    static Map<String, String> properties(String module) {
        Map<String, String> props = new LinkedHashMap<>();
        for (String line : read(ROOT.resolve(module).resolve("src/main/resources/application.properties")).split("\n")) {
            String l = line.strip();
            int eq = l.indexOf('=');
            if (l.isEmpty() || l.startsWith("#") || eq < 0) {
                continue;
            }
            props.put(l.substring(0, eq).strip(), l.substring(eq + 1).strip());
        }
        return props;
    }

    static int httpPort(String module) {
        Matcher m = Pattern.compile("\\$\\{NEFOS_HTTP_PORT:(\\d+)}").matcher(properties(module).get("quarkus.http.port"));
        assertTrue(m.find(), module + ": quarkus.http.port should be ${NEFOS_HTTP_PORT:<port>}");
        return Integer.parseInt(m.group(1));
    }

    /** ${VAR...} references in application.properties, outside the %test profile. */
    static Set<String> referencedVars(String module) {
        Set<String> vars = new TreeSet<>();
        properties(module).forEach((k, v) -> {
            if (k.startsWith("%")) {
                return;
            }
            Matcher m = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)").matcher(v);
            while (m.find()) {
                vars.add(m.group(1));
            }
        });
        return vars;
    }

    record Mapping(String prefix, Map<String, Boolean> methods) {
    }

    /** The module's (and, if it uses it, platform's) @ConfigMapping interfaces: prefix and method names (true = a Map). */
    static List<Mapping> mappings(String module) {
        List<Path> dirs = new ArrayList<>(List.of(ROOT.resolve(module).resolve("src/main/java")));
        if (read(ROOT.resolve(module).resolve("pom.xml")).contains("<artifactId>platform</artifactId>")) {
            dirs.add(ROOT.resolve("platform/src/main/java"));
        }
        Pattern prefix = Pattern.compile("@ConfigMapping\\(prefix\\s*=\\s*\"([^\"]+)\"");
        Pattern method = Pattern.compile("(?m)^\\s+([\\w.<>, ?\\[\\]]+?)\\s+(\\w+)\\(\\)\\s*;");
        List<Mapping> out = new ArrayList<>();
        for (Path dir : dirs) {
            for (Path f : walk(dir, p -> p.toString().endsWith(".java"))) {
                String src = read(f);
                Matcher p = prefix.matcher(src);
                if (!p.find()) {
                    continue;
                }
                Map<String, Boolean> methods = new LinkedHashMap<>();
                Matcher m = method.matcher(src);
                while (m.find()) {
                    String type = m.group(1).strip();
                    methods.put(m.group(2), type.startsWith("Map<") || type.startsWith("Optional<Map<"));
                }
                out.add(new Mapping(p.group(1), methods));
            }
        }
        return out;
    }

    static String envForm(String key) {
        return key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase();
    }

    static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
    }

    /** Whether the service reads this environment variable (SmallRye Config's env-name rules). */
    static boolean reads(String module, String var) {
        if (STANDARD_VARS.contains(var) || var.startsWith("QUARKUS_") || referencedVars(module).contains(var)) {
            return true;
        }
        if (properties(module).keySet().stream().filter(k -> !k.startsWith("%")).map(DeploymentManifestsTest::envForm)
                .anyMatch(var::equals)) {
            return true;
        }
        for (Mapping mapping : mappings(module)) {
            String p = envForm(mapping.prefix()) + "_";
            if (var.startsWith(p) && matchesChain(var.substring(p.length()), mapping.methods())) {
                return true;
            }
        }
        return false;
    }

    private static boolean matchesChain(String rest, Map<String, Boolean> methods) {
        for (Map.Entry<String, Boolean> m : methods.entrySet()) {
            String e = envForm(kebab(m.getKey()));
            if (rest.equals(e)) {
                return true;
            }
            if (rest.startsWith(e + "_") && (m.getValue() || matchesChain(rest.substring(e.length() + 1), methods))) {
                return true;
            }
        }
        return false;
    }

    /** Variables a service reads without a safe default: they must be set by every deployment. */
    static Set<String> requiredVars(String module) {
        Set<String> required = new TreeSet<>(referencedVars(module));
        required.removeAll(OPTIONAL_VARS);
        if (module.equals("gateway")) {
            required.remove("NEFOS_PUBLIC_URL"); // NEFOS_GATEWAY_PUBLIC_URL may stand in; checked below
        }
        Path startup = ROOT.resolve(module).resolve("src/main/java/org/nefos/identity/service/Startup.java");
        if (Files.isRegularFile(startup)) {
            // an unset component token is regenerated at each start: several replicas would fight over it
            Matcher m = Pattern.compile("COMPONENTS\\s*=\\s*List\\.of\\(([^)]*)\\)").matcher(read(startup));
            if (m.find()) {
                for (String c : m.group(1).split(",")) {
                    required.add("NEFOS_IDENTITY_COMPONENT_TOKENS_" + envForm(c.strip().replace("\"", "")));
                }
            }
            required.add("NEFOS_IDENTITY_ADMIN_TOKEN");
        }
        if (module.equals("gateway")) {
            for (String other : serviceModules()) {
                if (!other.equals("gateway")) {
                    required.add(gatewayUrlVar(other));
                }
            }
        }
        return required;
    }

    static String gatewayUrlVar(String module) {
        return "NEFOS_GATEWAY_" + envForm(module.replaceFirst("-service$", "")) + "_URL";
    }

    // ---------------------------------------------------------------- YAML and kustomize

    static List<Map<String, Object>> yamlDocs(Path file) {
        Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
        List<Map<String, Object>> docs = new ArrayList<>();
        for (Object doc : yaml.loadAll(read(file))) {
            if (doc != null) {
                assertTrue(doc instanceof Map, file + ": every document should be a mapping");
                docs.add(map(doc));
            }
        }
        return docs;
    }

    /** The resources a kustomization pulls in (patches are not applied), checking every named file exists. */
    static List<Map<String, Object>> kustomize(Path dir, List<String> problems) {
        Path k = dir.resolve("kustomization.yaml");
        if (!Files.isRegularFile(k)) {
            problems.add(ROOT.relativize(dir) + ": no kustomization.yaml");
            return List.of();
        }
        Map<String, Object> kust = yamlDocs(k).get(0);
        List<Map<String, Object>> docs = new ArrayList<>();
        for (String r : strings(kust.get("resources"))) {
            Path p = dir.resolve(r).normalize();
            if (Files.isDirectory(p)) {
                docs.addAll(kustomize(p, problems));
            } else if (Files.isRegularFile(p)) {
                docs.addAll(yamlDocs(p));
            } else {
                problems.add(ROOT.relativize(k) + ": resource " + r + " does not exist");
            }
        }
        List<String> files = new ArrayList<>(strings(kust.get("configurations")));
        files.addAll(strings(kust.get("components")));
        for (Object patch : list(kust.get("patches"))) {
            Object path = patch instanceof Map ? map(patch).get("path") : patch;
            if (path != null) {
                files.add(path.toString());
            }
        }
        for (String gen : List.of("secretGenerator", "configMapGenerator")) {
            for (Object g : list(kust.get(gen))) {
                files.addAll(strings(map(g).get("envs")));
                for (String f : strings(map(g).get("files"))) {
                    files.add(f.contains("=") ? f.substring(f.indexOf('=') + 1) : f);
                }
            }
        }
        for (String f : files) {
            if (!Files.exists(dir.resolve(f))) {
                problems.add(ROOT.relativize(k) + ": " + f + " does not exist");
            }
        }
        return docs;
    }

    static List<Map<String, Object>> base() {
        List<String> problems = new ArrayList<>();
        List<Map<String, Object>> docs = kustomize(BASE, problems);
        assertEquals(List.of(), problems);
        return docs;
    }

    static Map<String, Object> find(List<Map<String, Object>> docs, Set<String> kinds, String name) {
        return docs.stream().filter(d -> kinds.contains(d.get("kind")) && name.equals(meta(d).get("name"))).findFirst()
                .orElse(null);
    }

    static Map<String, Object> compose() {
        return yamlDocs(ROOT.resolve("docker-compose.yml")).get(0);
    }

    // ---------------------------------------------------------------- the checks

    @Test
    void everyYamlFileParses() {
        List<Path> files = new ArrayList<>(walk(K8S, p -> p.toString().matches(".*\\.ya?ml$")));
        files.addAll(walk(ROOT.resolve("deploy"), p -> p.toString().matches(".*\\.ya?ml$")));
        files.add(ROOT.resolve("docker-compose.yml"));
        for (Path f : files) {
            yamlDocs(f);
        }
        assertTrue(files.size() > 5, "found the manifests: " + files);
    }

    @Test
    void kustomizationsNameExistingFilesAndEveryManifestIsUsed() {
        List<String> problems = new ArrayList<>();
        Set<Path> used = new LinkedHashSet<>();
        for (Path k : walk(K8S, p -> p.getFileName().toString().equals("kustomization.yaml"))) {
            kustomize(k.getParent(), problems);
            Map<String, Object> kust = yamlDocs(k).get(0);
            List<String> refs = new ArrayList<>(strings(kust.get("resources")));
            refs.addAll(strings(kust.get("configurations")));
            list(kust.get("patches")).forEach(p -> refs.add(String.valueOf(p instanceof Map ? map(p).get("path") : p)));
            refs.forEach(r -> used.add(k.getParent().resolve(r).normalize()));
        }
        for (Path f : walk(K8S, p -> p.toString().endsWith(".yaml") && !p.getFileName().toString().equals("kustomization.yaml"))) {
            if (!used.contains(f.normalize())) {
                problems.add(ROOT.relativize(f) + " is named by no kustomization.yaml");
            }
        }
        assertTrue(Files.isDirectory(EXAMPLE), "k8s/overlays/example exists");
        assertEquals(List.of(), problems);
    }

    @Test
    void everyServiceHasADockerfile() {
        List<String> services = serviceModules();
        assertTrue(services.containsAll(List.of("identity-service", "gateway")), "found the services: " + services);
        for (String s : services) {
            Path df = ROOT.resolve(s).resolve("src/main/docker/Dockerfile.jvm");
            assertTrue(Files.isRegularFile(df), s + ": add src/main/docker/Dockerfile.jvm (copy another service's)");
            String d = read(df);
            for (String dir : List.of("target/quarkus-app/lib/", "target/quarkus-app/*.jar", "target/quarkus-app/app/",
                    "target/quarkus-app/quarkus/")) {
                assertTrue(d.contains("COPY --chown=185:0 " + dir), s + ": Dockerfile copies " + dir);
            }
            assertTrue(Pattern.compile("(?m)^FROM \\S*17").matcher(d).find(), s + ": a Java 17 base image");
            assertTrue(Pattern.compile("(?m)^USER 185$").matcher(d).find(), s + ": runs as a non-root user");
            assertTrue(Pattern.compile("(?m)^EXPOSE " + httpPort(s) + "$").matcher(d).find(),
                    s + ": EXPOSE " + httpPort(s));
            assertTrue(d.contains("NEFOS_HTTP_PORT=" + httpPort(s)), s + ": NEFOS_HTTP_PORT=" + httpPort(s));
            assertTrue(d.contains("MaxRAMPercentage"), s + ": heap sized from the container limit");
        }
    }

    @Test
    void everyServiceHasAWorkloadWithProbesResourcesAndAService() {
        List<Map<String, Object>> docs = base();
        for (String s : serviceModules()) {
            Map<String, Object> w = find(docs, Set.of("Deployment", "StatefulSet"), s);
            assertTrue(w != null, s + ": k8s/base needs a Deployment or StatefulSet named " + s
                    + " (copy k8s/base/services/compute-service.yaml and list it in k8s/base/kustomization.yaml)");
            checkPodSpec(s, w, httpPort(s));

            Map<String, Object> svc = find(docs, Set.of("Service"), s);
            assertTrue(svc != null, s + ": a Service named " + s);
            assertTrue(list(map(svc.get("spec")).get("ports")).stream().anyMatch(p -> Objects.equals(map(p).get("port"), httpPort(s))),
                    s + ": the Service listens on " + httpPort(s));
            assertEquals(labels(map(map(map(w.get("spec")).get("template")).get("metadata"))), map(map(svc.get("spec")).get("selector")),
                    s + ": the Service selects the pods");

            boolean hpa = docs.stream().anyMatch(d -> "HorizontalPodAutoscaler".equals(d.get("kind"))
                    && s.equals(map(map(d.get("spec")).get("scaleTargetRef")).get("name")));
            boolean pdb = docs.stream().anyMatch(d -> "PodDisruptionBudget".equals(d.get("kind"))
                    && map(map(map(d.get("spec")).get("selector")).get("matchLabels")).equals(labels(map(map(map(w.get("spec")).get("template")).get("metadata")))));
            if (readWriteOnce(w)) {
                // one writer on a ReadWriteOnce volume: exactly one replica, never scaled
                assertEquals(1, map(w.get("spec")).get("replicas"), s + ": a ReadWriteOnce block volume allows one replica");
                assertTrue(!hpa, s + ": no HPA on a single-writer workload");
            } else {
                assertEquals("Deployment", w.get("kind"), s + ": stateless services are Deployments");
                assertTrue(hpa, s + ": a HorizontalPodAutoscaler");
                assertTrue(pdb, s + ": a PodDisruptionBudget");
            }
        }
    }

    @SuppressWarnings("unchecked")
    static void checkPodSpec(String s, Map<String, Object> w, int port) {
        Map<String, Object> pod = map(map(map(w.get("spec")).get("template")).get("spec"));
        Map<String, Object> c = map(list(pod.get("containers")).get(0));
        assertTrue(list(c.get("ports")).stream().anyMatch(p -> Objects.equals(map(p).get("containerPort"), port)),
                s + ": containerPort " + port);
        assertEquals("/q/health/ready", map(map(c.get("readinessProbe")).get("httpGet")).get("path"), s + ": readiness probe");
        assertEquals("/q/health/live", map(map(c.get("livenessProbe")).get("httpGet")).get("path"), s + ": liveness probe");
        Map<String, Object> res = map(c.get("resources"));
        assertTrue(map(res.get("requests")).containsKey("cpu") && map(res.get("requests")).containsKey("memory"),
                s + ": cpu and memory requests");
        assertTrue(map(res.get("limits")).containsKey("memory"), s + ": a memory limit");
        assertEquals(Boolean.TRUE, map(pod.get("securityContext")).get("runAsNonRoot"), s + ": runAsNonRoot");
    }

    static boolean readWriteOnce(Map<String, Object> w) {
        return list(map(w.get("spec")).get("volumeClaimTemplates")).stream()
                .anyMatch(t -> strings(map(map(t).get("spec")).get("accessModes")).contains("ReadWriteOnce"));
    }

    @Test
    void everyServiceIsInComposeBuiltFromItsDockerfileWithHealthAndMemory() {
        Map<String, Object> compose = compose();
        Map<String, Object> services = map(compose.get("services"));
        Set<String> volumes = map(compose.get("volumes")).keySet();
        for (String s : serviceModules()) {
            Map<String, Object> c = map(services.get(s));
            assertTrue(!c.isEmpty(), s + ": docker-compose.yml needs a service " + s + " (copy the compute-service block)");
            Map<String, Object> build = map(c.get("build"));
            assertEquals("./" + s, build.get("context"), s + ": build context");
            assertEquals("src/main/docker/Dockerfile.jvm", build.get("dockerfile"), s + ": dockerfile");
            assertTrue(c.containsKey("healthcheck"), s + ": a healthcheck");
            assertTrue(c.containsKey("mem_limit"), s + ": a memory limit");
            map(c.get("depends_on")).forEach((dep, cond) -> {
                assertTrue(services.containsKey(dep), s + ": depends on an existing service " + dep);
                assertTrue(Set.of("service_healthy", "service_completed_successfully").contains(map(cond).get("condition")),
                        s + ": depends_on " + dep + " waits for health or completion");
            });
        }
        services.forEach((name, svc) -> strings(map(svc).get("volumes")).forEach(v -> {
            String src = v.split(":")[0];
            if (!src.startsWith(".") && !src.startsWith("/")) {
                assertTrue(volumes.contains(src), name + ": named volume " + src + " is declared");
            } else {
                assertTrue(Files.exists(ROOT.resolve(src).normalize()), name + ": mounted file " + src + " exists");
            }
        }));
        assertTrue(strings(map(services.get("gateway")).get("ports")).stream().anyMatch(p -> p.endsWith(":8080")),
                "the gateway is published on 8080");
        assertTrue(strings(map(services.get("storage-service")).get("volumes")).stream().anyMatch(v -> v.startsWith("blocks:")),
                "the block store is a named volume");
        String dbs = String.valueOf(map(map(services.get("postgres")).get("environment")).get("NEFOS_DATABASES"));
        for (String s : serviceModules()) {
            String db = String.valueOf(map(map(services.get(s)).get("environment")).get("NEFOS_DB_NAME"));
            if (!"null".equals(db)) {
                assertTrue(Set.of(dbs.split("\\s+")).contains(db), s + ": database " + db + " is in postgres' NEFOS_DATABASES");
            }
        }
    }

    @Test
    void everyTopicHasAKafkaTopicAndIsCreatedByCompose() {
        String topicsJava = read(ROOT.resolve("events/src/main/java/org/nefos/events/Topics.java"));
        Set<String> topics = new TreeSet<>();
        Matcher m = Pattern.compile("static final String \\w+ = \"([^\"]+)\"").matcher(topicsJava);
        while (m.find()) {
            topics.add(m.group(1));
        }
        assertTrue(topics.contains("compute.server.events"), "read Topics.java: " + topics);

        List<Map<String, Object>> docs = base();
        Set<String> kafkaClusters = docs.stream().filter(d -> "Kafka".equals(d.get("kind"))).map(d -> String.valueOf(meta(d).get("name")))
                .collect(Collectors.toSet());
        assertEquals(1, kafkaClusters.size(), "one Strimzi Kafka: " + kafkaClusters);
        assertTrue(docs.stream().anyMatch(d -> "KafkaNodePool".equals(d.get("kind"))
                && strings(map(d.get("spec")).get("roles")).contains("controller")), "a KRaft controller node pool");

        Map<String, Map<String, Object>> declared = new LinkedHashMap<>();
        for (Map<String, Object> d : docs) {
            if ("KafkaTopic".equals(d.get("kind"))) {
                Map<String, Object> spec = map(d.get("spec"));
                String name = String.valueOf(spec.getOrDefault("topicName", meta(d).get("name")));
                declared.put(name, d);
                assertTrue(kafkaClusters.contains(labels(meta(d)).get("strimzi.io/cluster")), name + ": strimzi.io/cluster label");
                assertTrue(spec.get("partitions") instanceof Integer && spec.get("replicas") instanceof Integer,
                        name + ": partitions and replicas");
                assertTrue(map(spec.get("config")).containsKey("retention.ms"), name + ": retention.ms");
            }
        }
        for (String t : topics) {
            assertTrue(declared.containsKey(t), t + ": add a KafkaTopic to k8s/base/kafka/topics.yaml");
        }
        for (String t : declared.keySet()) {
            int dlq = t.indexOf(".dlq.");
            if (dlq < 0) {
                assertTrue(topics.contains(t), t + ": a KafkaTopic for a topic Topics.java does not name");
            } else {
                assertTrue(topics.contains(t.substring(0, dlq)) && serviceModules().contains(t.substring(dlq + 5)),
                        t + ": dead-letter topics are <topic>.dlq.<service module>");
            }
        }
        String script = read(ROOT.resolve("deploy/kafka/create-topics.sh"));
        for (String t : topics) {
            assertTrue(Pattern.compile("(?m)^topic " + Pattern.quote(t) + "\\s").matcher(script).find(),
                    t + ": add it to deploy/kafka/create-topics.sh");
        }
    }

    @Test
    void composeGivesEveryServiceExactlyTheVariablesItReads() {
        Map<String, Object> services = map(compose().get("services"));
        List<String> problems = new ArrayList<>();
        for (String s : serviceModules()) {
            Set<String> given = envNames(map(services.get(s)).get("environment"));
            checkVars("docker-compose.yml " + s, s, given, problems);
            if (s.equals("gateway")) {
                for (String other : serviceModules()) {
                    if (!other.equals("gateway")) {
                        Object url = map(map(services.get(s)).get("environment")).get(gatewayUrlVar(other));
                        if (!("http://" + other + ":" + httpPort(other)).equals(url)) {
                            problems.add("docker-compose.yml gateway: " + gatewayUrlVar(other) + " should be http://" + other + ":" + httpPort(other));
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void kubernetesGivesEveryServiceExactlyTheVariablesItReads() {
        List<Map<String, Object>> docs = base();
        List<String> problems = new ArrayList<>();
        for (String s : serviceModules()) {
            Map<String, Object> w = find(docs, Set.of("Deployment", "StatefulSet"), s);
            Map<String, Object> c = map(list(map(map(map(w.get("spec")).get("template")).get("spec")).get("containers")).get(0));
            Set<String> given = new TreeSet<>(envNames(c.get("env")));
            for (Object from : list(c.get("envFrom"))) {
                String cm = String.valueOf(map(map(from).get("configMapRef")).get("name"));
                Map<String, Object> configMap = find(docs, Set.of("ConfigMap"), cm);
                if (configMap == null) {
                    problems.add(s + ": envFrom names a ConfigMap the base does not have: " + cm);
                } else {
                    given.addAll(map(configMap.get("data")).keySet());
                }
            }
            checkVars("k8s/base " + s, s, given, problems);
            if (s.equals("gateway")) {
                for (String other : serviceModules()) {
                    if (!other.equals("gateway")) {
                        boolean right = list(c.get("env")).stream().anyMatch(e -> gatewayUrlVar(other).equals(map(e).get("name"))
                                && ("http://" + other + ":" + httpPort(other)).equals(map(e).get("value")));
                        if (!right) {
                            problems.add("k8s gateway: " + gatewayUrlVar(other) + " should be http://" + other + ":" + httpPort(other));
                        }
                    }
                }
            }
        }
        // variables the example overlay patches in are read too
        for (Path patch : walk(EXAMPLE, p -> p.toString().endsWith(".yaml") && !p.getFileName().toString().equals("kustomization.yaml"))) {
            for (Map<String, Object> d : yamlDocs(patch)) {
                if (Set.of("Deployment", "StatefulSet").contains(d.get("kind"))) {
                    String s = String.valueOf(meta(d).get("name"));
                    for (Object c : list(map(map(map(d.get("spec")).get("template")).get("spec")).get("containers"))) {
                        for (String v : envNames(map(c).get("env"))) {
                            if (!reads(s, v)) {
                                problems.add(ROOT.relativize(patch) + ": " + s + " does not read " + v);
                            }
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    static void checkVars(String where, String module, Set<String> given, List<String> problems) {
        for (String v : given) {
            if (!reads(module, v)) {
                problems.add(where + ": " + module + " does not read " + v + " (not in its application.properties or config mappings)");
            }
        }
        for (String v : requiredVars(module)) {
            if (!given.contains(v)) {
                problems.add(where + ": " + v + " is read by " + module + " but not set");
            }
        }
    }

    @Test
    void everySecretTheWorkloadsUseIsGeneratedByTheExampleOverlay() {
        Map<String, Set<String>> generated = new LinkedHashMap<>();
        for (Object g : list(yamlDocs(EXAMPLE.resolve("kustomization.yaml")).get(0).get("secretGenerator"))) {
            Set<String> keys = strings(map(g).get("literals")).stream().map(l -> l.substring(0, l.indexOf('='))).collect(Collectors.toSet());
            generated.put(String.valueOf(map(g).get("name")), keys);
        }
        List<Map<String, Object>> docs = new ArrayList<>(base());
        for (Path p : walk(EXAMPLE, p -> p.toString().endsWith(".yaml") && !p.getFileName().toString().equals("kustomization.yaml"))) {
            docs.addAll(yamlDocs(p));
        }
        List<String> problems = new ArrayList<>();
        for (Map<String, Object> d : docs) {
            if (!Set.of("Deployment", "StatefulSet").contains(d.get("kind"))) {
                continue;
            }
            for (Object c : list(map(map(map(d.get("spec")).get("template")).get("spec")).get("containers"))) {
                for (Object e : list(map(c).get("env"))) {
                    Map<String, Object> ref = map(map(map(e).get("valueFrom")).get("secretKeyRef"));
                    if (!ref.isEmpty() && !generated.getOrDefault(ref.get("name"), Set.of()).contains(ref.get("key"))) {
                        problems.add(meta(d).get("name") + ": secret " + ref.get("name") + " key " + ref.get("key")
                                + " is not generated by k8s/overlays/example");
                    }
                }
            }
        }
        for (Map<String, Object> d : docs) {
            if ("Cluster".equals(d.get("kind"))) {
                for (Object role : list(map(map(d.get("spec")).get("managed")).get("roles"))) {
                    String secret = String.valueOf(map(map(role).get("passwordSecret")).get("name"));
                    if (!generated.getOrDefault(secret, Set.of()).containsAll(Set.of("username", "password"))) {
                        problems.add("postgres role " + map(role).get("name") + ": secret " + secret + " needs username and password");
                    }
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void kubectlKustomizeRendersEveryOverlay() throws Exception {
        assumeTrue(onPath("kubectl"), "kubectl is not installed: kustomize rendering not checked here");
        List<Path> dirs = new ArrayList<>(List.of(BASE));
        try (Stream<Path> overlays = Files.list(K8S.resolve("overlays"))) {
            overlays.filter(Files::isDirectory).sorted().forEach(dirs::add);
        }
        for (Path dir : dirs) {
            String out = run(List.of("kubectl", "kustomize", dir.toString()));
            Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
            List<Map<String, Object>> docs = new ArrayList<>();
            yaml.loadAll(out).forEach(d -> docs.add(map(d)));
            for (String s : serviceModules()) {
                Map<String, Object> w = find(docs, Set.of("Deployment", "StatefulSet"), s);
                assertTrue(w != null, dir + " renders " + s);
                checkPodSpec(s, w, httpPort(s));
            }
            if (dir.startsWith(K8S.resolve("overlays"))) {
                Set<String> secrets = docs.stream().filter(d -> "Secret".equals(d.get("kind"))).map(d -> String.valueOf(meta(d).get("name")))
                        .collect(Collectors.toSet());
                Matcher m = Pattern.compile("secretKeyRef:\\s+key: \\S+\\s+name: (\\S+)|passwordSecret:\\s+name: (\\S+)").matcher(out);
                while (m.find()) {
                    String name = m.group(1) != null ? m.group(1) : m.group(2);
                    assertTrue(secrets.contains(name), dir + ": rendered reference to Secret " + name + " which it does not render");
                }
            }
        }
    }

    @Test
    void dockerComposeAcceptsTheFile() throws Exception {
        List<String> cmd;
        if (onPath("docker-compose")) {
            cmd = List.of("docker-compose", "-f", ROOT.resolve("docker-compose.yml").toString(), "config", "-q");
        } else {
            assumeTrue(false, "docker-compose is not installed (Debian package docker-compose): compose validation not run here");
            return;
        }
        run(cmd);
    }

    // ---------------------------------------------------------------- helpers

    static boolean onPath(String exe) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(":")).anyMatch(d -> Files.isExecutable(Path.of(d, exe)));
    }

    static String run(List<String> cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).directory(ROOT.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail(String.join(" ", cmd) + " did not finish");
        }
        assertEquals(0, p.exitValue(), String.join(" ", cmd) + " failed:\n" + out);
        return out;
    }

    static Set<String> envNames(Object env) {
        Set<String> names = new TreeSet<>();
        if (env instanceof Map<?, ?> m) {
            m.keySet().forEach(k -> names.add(String.valueOf(k)));
        } else {
            for (Object e : list(env)) {
                names.add(e instanceof Map ? String.valueOf(map(e).get("name")) : String.valueOf(e).split("=")[0]);
            }
        }
        return names;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return o instanceof Map ? (Map<String, Object>) o : Map.of();
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object o) {
        return o instanceof List ? (List<Object>) o : List.of();
    }

    static List<String> strings(Object o) {
        return list(o).stream().map(String::valueOf).toList();
    }

    static Map<String, Object> meta(Map<String, Object> doc) {
        return map(doc.get("metadata"));
    }

    static Map<String, Object> labels(Map<String, Object> metadata) {
        return map(metadata.get("labels"));
    }

    static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Path> walk(Path dir, java.util.function.Predicate<Path> filter) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).filter(filter).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
