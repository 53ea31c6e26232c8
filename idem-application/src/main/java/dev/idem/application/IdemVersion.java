package dev.idem.application;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The version of idem, as the build wrote it beside this class: reports name it, so that a result can be traced. */
final class IdemVersion {

    private static final String RESOURCE = "version.properties";

    private IdemVersion() {
    }

    /** E.g. {@code 0.1.0}; empty when the resource is missing (classes compiled outside the build). */
    static String current() {
        try (InputStream in = IdemVersion.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return "";
            }
            Properties properties = new Properties();
            properties.load(in);
            String version = properties.getProperty("version", "");
            // an unfiltered copy (an IDE that copies resources as they are) says nothing true
            return version.startsWith("${") ? "" : version;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE + " beside " + IdemVersion.class.getName(), e);
        }
    }
}
