package dev.idem.adapter.yaml;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;

/** Finds test resources as files, so the repository reads them the way it reads any spec. */
final class TestFiles {

    private TestFiles() {
    }

    static Path resource(String name) {
        URL url = TestFiles.class.getClassLoader().getResource(name);
        if (url == null) {
            throw new IllegalArgumentException("no test resource " + name);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
