package dev.idem.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * What a consumer sees of the build: one list of versions (idem-bom, which the parent imports), every published module
 * in it, every adapter in idem-all, and a module name in every jar. Read from the POMs themselves, so that a module
 * added to the reactor without its BOM line, its idem-all line or its module name fails here rather than in a
 * consumer's build.
 */
class PublishedModulesTest {

    private static final Path ROOT = Path.of("..");
    private static final String GROUP = "dev.idem";

    private static Map<String, Pom> modules;

    @BeforeAll
    static void readTheReactor() throws Exception {
        modules = new LinkedHashMap<>();
        for (String dir : texts(child(read(ROOT.resolve("pom.xml")), "modules"), "module")) {
            Pom pom = Pom.of(read(ROOT.resolve(dir).resolve("pom.xml")), ROOT.resolve(dir));
            modules.put(pom.artifactId, pom);
        }
    }

    @Test
    void should_manage_every_published_module_in_the_bom_and_nothing_else_of_idem() {
        // given the modules that are published: all but those that skip deployment, and the BOM itself
        Set<String> published = modules.values().stream().filter(Pom::published).map(p -> p.artifactId)
                .filter(a -> !a.equals("idem-bom")).collect(Collectors.toCollection(TreeSet::new));

        // when the BOM's idem entries are read
        Set<String> managed = modules.get("idem-bom").managed.stream().filter(d -> d.groupId.equals(GROUP))
                .map(d -> d.artifactId).collect(Collectors.toCollection(TreeSet::new));

        // then they are the same modules
        assertThat(published).as("published modules").contains("idem-api", "idem-all", "idem-cli")
                .doesNotContain("idem-architecture-tests");
        assertThat(managed).as("idem modules in idem-bom's dependencyManagement").isEqualTo(published);
    }

    @Test
    void should_bring_every_adapter_module_with_idem_all() {
        // given every adapter module of the reactor
        Set<String> adapters = modules.keySet().stream().filter(a -> a.startsWith("idem-adapters-"))
                .collect(Collectors.toCollection(TreeSet::new));

        // when the reactor modules idem-all reaches through dependencies other than tests are collected
        Set<String> reached = reachedFrom("idem-all");

        // then each adapter is among them, and so is the API
        assertThat(adapters).hasSizeGreaterThan(9);
        assertThat(reached).as("modules idem-all brings").containsAll(adapters).contains("idem-api");
    }

    @Test
    void should_keep_idem_api_lean_bringing_only_the_built_in_adapters() {
        // when the reactor modules idem-api reaches are collected
        Set<String> reached = reachedFrom("idem-api");

        // then they are the built-in architect, the in-memory store, spec loading, the reports and the python
        // evaluators, and nothing that needs a network client or a native library
        assertThat(reached.stream().filter(a -> a.startsWith("idem-adapters-")))
                .containsExactlyInAnyOrder("idem-adapters-builtin", "idem-adapters-memory", "idem-adapters-yaml",
                        "idem-adapters-json", "idem-adapters-report", "idem-adapters-python");
    }

    @Test
    void should_take_every_version_from_the_bom_or_the_parent() {
        // when the dependencies of every published module but the BOM are read (the consumer tests pin Spring Boot)
        List<String> versioned = new ArrayList<>();
        for (Pom pom : modules.values()) {
            if (pom.published() && !pom.artifactId.equals("idem-bom")) {
                pom.dependencies.stream().filter(d -> d.version != null)
                        .forEach(d -> versioned.add(pom.artifactId + " -> " + d.groupId + ":" + d.artifactId));
            }
        }

        // then none names a version of its own: there is one list, and it cannot drift
        assertThat(versioned).as("dependencies with a version of their own").isEmpty();
    }

    @Test
    void should_name_each_jar_module_after_its_root_package() {
        for (Pom pom : modules.values()) {
            if (!pom.packaging.equals("jar") || !pom.published()) {
                continue;
            }
            // given the Automatic-Module-Name a module's jar gets
            String name = pom.properties.get("idem.module.name");

            // then it is set, and it is a package of the module's own sources
            assertThat(name).as("idem.module.name of %s", pom.artifactId).isNotNull().startsWith("dev.idem.");
            assertThat(pom.dir.resolve("src/main/java").resolve(name.replace('.', '/')))
                    .as("root package %s of %s", name, pom.artifactId).isDirectory();
        }
    }

    private static Set<String> reachedFrom(String start) {
        Set<String> reached = new TreeSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of(start));
        while (!todo.isEmpty()) {
            for (Dependency d : modules.get(todo.pop()).dependencies) {
                if (d.groupId.equals(GROUP) && !"test".equals(d.scope) && reached.add(d.artifactId)) {
                    todo.push(d.artifactId);
                }
            }
        }
        return reached;
    }

    private record Dependency(String groupId, String artifactId, String version, String scope) {
        static Dependency of(Element e) {
            return new Dependency(text(e, "groupId"), text(e, "artifactId"), text(e, "version"), text(e, "scope"));
        }
    }

    private record Pom(String artifactId, String packaging, Path dir, Map<String, String> properties,
                       List<Dependency> dependencies, List<Dependency> managed) {

        static Pom of(Element project, Path dir) {
            Map<String, String> properties = new LinkedHashMap<>();
            Element props = child(project, "properties");
            if (props != null) {
                for (Node n = props.getFirstChild(); n != null; n = n.getNextSibling()) {
                    if (n instanceof Element p) {
                        properties.put(p.getTagName(), p.getTextContent().trim());
                    }
                }
            }
            String packaging = text(project, "packaging");
            Element management = child(project, "dependencyManagement");
            return new Pom(text(project, "artifactId"), packaging == null ? "jar" : packaging, dir, properties,
                    dependencies(child(project, "dependencies")),
                    management == null ? List.of() : dependencies(child(management, "dependencies")));
        }

        boolean published() {
            return !"true".equals(properties.get("maven.deploy.skip"));
        }

        private static List<Dependency> dependencies(Element list) {
            List<Dependency> result = new ArrayList<>();
            if (list != null) {
                for (Node n = list.getFirstChild(); n != null; n = n.getNextSibling()) {
                    if (n instanceof Element e && e.getTagName().equals("dependency")) {
                        result.add(Dependency.of(e));
                    }
                }
            }
            return result;
        }
    }

    private static Element read(Path pom) throws Exception {
        assertThat(pom).isRegularFile();
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(Files.newInputStream(pom));
        return doc.getDocumentElement();
    }

    private static Element child(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                return e;
            }
        }
        return null;
    }

    private static String text(Element parent, String name) {
        Element e = child(parent, name);
        return e == null ? null : e.getTextContent().trim();
    }

    private static List<String> texts(Element parent, String name) {
        List<String> result = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                result.add(e.getTextContent().trim());
            }
        }
        return result;
    }
}
