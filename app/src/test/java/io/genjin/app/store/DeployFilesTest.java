package io.genjin.app.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The shipped deploy files set every {@link RequiredSetting} (no hand list here: a setting added to
 * the enum must be added to the files), and what they ship is placeholders the start-up check
 * refuses, never something that starts and points customers at localhost. {@code docker compose
 * config} and {@code kubectl} are not at hand, so the files are read as YAML.
 */
class DeployFilesTest {
    private static final Path DEPLOY = Path.of("..", "deploy");

    @Test
    void composeSetsEveryRequiredSettingAndItsPlaceholdersDoNotStart() throws IOException {
        Map<String, String> env = composeEnvironment("genjin");
        for (RequiredSetting setting : RequiredSetting.values()) {
            assertThat(env.get(setting.variable())).as("compose sets " + setting.variable()).isNotBlank();
        }
        assertPlaceholdersAreRefused(env);
    }

    @Test
    void kubernetesSetsEveryRequiredSettingAndItsPlaceholdersDoNotStart() throws IOException {
        Map<String, String> env = kubernetesEnvironment();
        for (RequiredSetting setting : RequiredSetting.values()) {
            assertThat(env.get(setting.variable())).as("the Deployment sets " + setting.variable()).isNotBlank();
        }
        assertPlaceholdersAreRefused(env);
    }

    /** Every key and public URL is named by the check: the files never start as shipped. */
    private static void assertPlaceholdersAreRefused(Map<String, String> env) {
        Map<String, String> properties = new HashMap<>();
        for (RequiredSetting setting : RequiredSetting.values()) {
            properties.put(setting.property(), env.get(setting.variable()));
        }
        properties.put("genjin.admin-token", env.get("GENJIN_ADMIN_TOKEN"));
        String problems = String.join("\n", RealPathCheck.problems(properties::get));
        for (RequiredSetting setting : RequiredSetting.values()) {
            if (setting.kind() != RequiredSetting.Kind.VALUE) {
                assertThat(problems).as(setting.variable() + " must be a placeholder").contains(setting.named());
            }
        }
        assertThat(problems).contains("GENJIN_ADMIN_TOKEN");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> composeEnvironment(String service) throws IOException {
        Map<String, Object> compose = yaml(DEPLOY.resolve("compose.yaml")).get(0);
        Map<String, Object> genjin = (Map<String, Object>) ((Map<String, Object>) compose.get("services")).get(service);
        Map<String, String> env = new HashMap<>();
        Object files = genjin.get("env_file");
        for (Object file : files instanceof List<?> list ? list : files == null ? List.of() : List.of(files)) {
            String name = file instanceof Map<?, ?> m ? String.valueOf(m.get("path")) : String.valueOf(file);
            Path path = DEPLOY.resolve(name);
            // The env file itself is the operator's copy of the example shipped beside it.
            env.putAll(envFile(Files.exists(path) ? path : Path.of(path + ".example")));
        }
        Object environment = genjin.get("environment");
        if (environment instanceof Map<?, ?> map) {
            map.forEach((k, v) -> env.put(String.valueOf(k), v == null ? null : String.valueOf(v)));
        } else if (environment instanceof List<?> list) {
            list.forEach(entry -> {
                String[] kv = String.valueOf(entry).split("=", 2);
                env.put(kv[0], kv.length > 1 ? kv[1] : null);
            });
        }
        return env;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> kubernetesEnvironment() throws IOException {
        Map<String, Map<String, Object>> byKindAndName = new HashMap<>();
        try (var files = Files.list(DEPLOY.resolve("k8s"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                for (Map<String, Object> doc : yaml(file)) {
                    Map<String, Object> metadata = (Map<String, Object>) doc.get("metadata");
                    if (doc.get("kind") != null && metadata != null) {
                        byKindAndName.put(doc.get("kind") + "/" + metadata.get("name"), doc);
                    }
                }
            }
        }
        Map<String, Object> deployment = byKindAndName.values().stream().filter(d -> "Deployment".equals(d.get("kind")))
                .findFirst().orElseThrow();
        Map<String, Object> pod = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) deployment.get("spec"))
                .get("template")).get("spec");
        Map<String, Object> container = ((List<Map<String, Object>>) pod.get("containers")).get(0);
        Map<String, String> env = new HashMap<>();
        for (Map<String, Object> from : (List<Map<String, Object>>) container.getOrDefault("envFrom", List.of())) {
            if (from.get("configMapRef") instanceof Map<?, ?> ref) {
                env.putAll(data(byKindAndName.get("ConfigMap/" + ref.get("name")), "data"));
            }
            if (from.get("secretRef") instanceof Map<?, ?> ref) {
                env.putAll(data(byKindAndName.get("Secret/" + ref.get("name")), "stringData"));
            }
        }
        for (Map<String, Object> var : (List<Map<String, Object>>) container.getOrDefault("env", List.of())) {
            String name = String.valueOf(var.get("name"));
            if (var.get("value") != null) {
                env.put(name, String.valueOf(var.get("value")));
            } else if (var.get("valueFrom") instanceof Map<?, ?> from) {
                // A reference counts only when what it names exists in the manifests.
                if (from.get("secretKeyRef") instanceof Map<?, ?> ref) {
                    env.put(name, data(byKindAndName.get("Secret/" + ref.get("name")), "stringData").get(String.valueOf(ref.get("key"))));
                } else if (from.get("configMapKeyRef") instanceof Map<?, ?> ref) {
                    env.put(name, data(byKindAndName.get("ConfigMap/" + ref.get("name")), "data").get(String.valueOf(ref.get("key"))));
                }
            }
        }
        return env;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> data(Map<String, Object> doc, String field) {
        Map<String, String> data = new HashMap<>();
        if (doc != null && doc.get(field) instanceof Map<?, ?> map) {
            map.forEach((k, v) -> data.put(String.valueOf(k), v == null ? null : String.valueOf(v)));
        }
        return data;
    }

    private static Map<String, String> envFile(Path file) throws IOException {
        Map<String, String> env = new HashMap<>();
        for (String line : Files.readAllLines(file)) {
            String trimmed = line.trim();
            int eq = trimmed.indexOf('=');
            if (!trimmed.startsWith("#") && eq > 0) {
                env.put(trimmed.substring(0, eq).trim(), trimmed.substring(eq + 1).trim());
            }
        }
        return env;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> yaml(Path file) throws IOException {
        List<Map<String, Object>> docs = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(file)) {
            for (Object doc : new Yaml().loadAll(reader)) {
                if (doc instanceof Map<?, ?>) {
                    docs.add((Map<String, Object>) doc);
                }
            }
        }
        return docs;
    }
}
