package org.radtox.server.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * deploy/k8s: every overlay renders with {@code kubectl kustomize}, and every object it renders is valid against
 * the Kubernetes API's JSON schemas (the npm package kubernetes-models, generated from the official OpenAPI spec:
 * deploy/check/validate-k8s.mjs). The settings the manifests pass are the documented RADTOX_* variables.
 */
class KubernetesManifestsTest {

    /** npm ci in deploy/check when one of its packages is missing (a fresh clone; CI). */
    @BeforeAll
    static void installTheSchemaPackage() throws Exception {
        Path modules = DeployFiles.root().resolve("deploy/check/node_modules");
        boolean missing = DeployFiles.matches(DeployFiles.read("deploy/check/package.json"),
                java.util.regex.Pattern.compile("\"([a-z@][a-z0-9@/._-]*)\": \"\\d")).stream()
                .anyMatch(dep -> !Files.isDirectory(modules.resolve(dep)));
        if (missing) {
            DeployFiles.Run npm = DeployFiles.run(null, "npm", "ci", "--prefix", "deploy/check", "--no-audit", "--no-fund");
            assertEquals(0, npm.exit(), npm.out());
        }
    }

    static List<Path> overlays() throws Exception {
        try (Stream<Path> dirs = Files.list(DeployFiles.root().resolve("deploy/k8s/overlays"))) {
            return dirs.filter(Files::isDirectory).sorted().toList();
        }
    }

    static String render(Path overlay) throws Exception {
        DeployFiles.Run r = DeployFiles.run(null, "kubectl", "kustomize", overlay.toString());
        assertEquals(0, r.exit(), "kubectl kustomize " + overlay + ": " + r.out());
        return r.out();
    }

    @Test
    void everyOverlayRendersAndEachObjectIsValidAgainstTheKubernetesSchemas() throws Exception {
        List<Path> overlays = overlays();
        assertEquals(List.of("dev", "production"), overlays.stream().map(p -> p.getFileName().toString()).toList());
        for (Path overlay : overlays) {
            DeployFiles.Run check = DeployFiles.run(render(overlay), "node", "deploy/check/validate-k8s.mjs");
            assertEquals(0, check.exit(), overlay + ":\n" + check.out());
            for (String kind : List.of("Deployment/radtox", "Service/radtox", "Ingress/radtox", "HorizontalPodAutoscaler/radtox",
                    "PodDisruptionBudget/radtox", "ConfigMap/radtox-config")) {
                assertTrue(check.out().contains("valid " + kind + " "), overlay + " renders " + kind + ":\n" + check.out());
            }
        }
    }

    @Test
    void theSchemaCheckRejectsAnInvalidObjectAndAnUnknownKind() throws Exception {
        String broken = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: broken}\nspec:\n  template:\n    spec:\n"
                + "      containers: [{name: x, ports: [{containerPort: eighty}]}]\n";
        DeployFiles.Run r = DeployFiles.run(broken, "node", "deploy/check/validate-k8s.mjs");
        assertEquals(1, r.exit(), r.out());
        assertTrue(r.out().contains("must have required property selector") && r.out().contains("containerPort must be integer"), r.out());
        DeployFiles.Run crd = DeployFiles.run("apiVersion: example.org/v1\nkind: Widget\nmetadata: {name: w}\n", "node",
                "deploy/check/validate-k8s.mjs");
        assertEquals(1, crd.exit(), crd.out());
    }

    @Test
    void productionRunsTheModelServerOnGpuNodesAndProbesTheHealthEndpoints() throws Exception {
        List<Map<String, Object>> objects = objects(render(DeployFiles.root().resolve("deploy/k8s/overlays/production")));
        Map<String, Object> model = find(objects, "Deployment", "radtox-model-server");
        assertEquals("true", dig(model, "spec", "template", "spec", "nodeSelector", "nvidia.com/gpu.present"));
        assertFalse(((List<?>) dig(model, "spec", "template", "spec", "tolerations")).isEmpty());
        Map<String, Object> radtox = find(objects, "Deployment", "radtox");
        Map<String, Object> container = first(dig(radtox, "spec", "template", "spec", "containers"));
        assertEquals("/health/ready", dig(container, "readinessProbe", "httpGet", "path"));
        assertEquals("/health/live", dig(container, "livenessProbe", "httpGet", "path"));
        assertEquals("/health/live", dig(container, "startupProbe", "httpGet", "path"));
        assertEquals(Boolean.TRUE, dig(radtox, "spec", "template", "spec", "securityContext", "runAsNonRoot"));
    }

    @Test
    void theManifestsAndTheComposeFilePassOnlyDocumentedSettings_andEnvExampleDocumentsEveryOne() throws Exception {
        Set<String> documented = DeployFiles.documentedVariables();
        assertTrue(documented.size() >= 20, "read the table of docs/CONFIGURATION.md: " + documented);
        Set<String> used = new TreeSet<>();
        for (Path overlay : overlays()) {
            used.addAll(DeployFiles.matches(render(overlay), java.util.regex.Pattern.compile("\\b(RADTOX_[A-Z0-9_]+)\\b")));
        }
        used.addAll(DeployFiles.matches(DeployFiles.read("deploy/compose/compose.yaml"), java.util.regex.Pattern.compile("\\b(RADTOX_[A-Z0-9_]+)\\b")));
        Set<String> envExample = DeployFiles.matches(DeployFiles.read("deploy/compose/.env.example"),
                java.util.regex.Pattern.compile("\\b(RADTOX_[A-Z0-9_]+)\\b"));
        used.addAll(envExample);
        Set<String> unknown = new TreeSet<>(used);
        unknown.removeAll(documented);
        assertEquals(Set.of(), unknown, "RADTOX_* variables the server does not know");
        Set<String> undocumentedInEnv = new TreeSet<>(documented);
        undocumentedInEnv.removeAll(envExample);
        assertEquals(Set.of(), undocumentedInEnv, "variables .env.example does not mention");
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> objects(String yaml) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object o : new Yaml().loadAll(yaml)) {
            if (o != null) {
                out.add((Map<String, Object>) o);
            }
        }
        return out;
    }

    static Map<String, Object> find(List<Map<String, Object>> objects, String kind, String name) {
        return objects.stream().filter(o -> kind.equals(o.get("kind")) && name.equals(dig(o, "metadata", "name"))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + "/" + name));
    }

    @SuppressWarnings("unchecked")
    static Object dig(Object o, String... path) {
        for (String p : path) {
            o = o instanceof Map<?, ?> m ? ((Map<String, Object>) m).get(p) : null;
        }
        return o;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> first(Object list) {
        return (Map<String, Object>) ((List<?>) list).get(0);
    }
}
