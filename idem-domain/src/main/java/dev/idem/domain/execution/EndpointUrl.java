package dev.idem.domain.execution;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The URL of a service as idem shows it and fingerprints it: without credentials, and spelled one way per endpoint.
 * User info ({@code user:password@}) is dropped; every query parameter keeps its name but its value becomes
 * {@code ***} (a base URL has no business carrying parameters, and the ones people paste into one are keys,
 * tokens and signatures); a fragment is dropped. Scheme and host are lower-cased, the scheme's default port and
 * trailing slashes are removed, so {@code HTTPS://API.example.com:443/v1/} and {@code https://api.example.com/v1}
 * are one endpoint.
 *
 * <p>Any text may quote a URL: {@link #redactIn(String)} rewrites every URL inside a text this way, and
 * {@link #redact(String)} also blanks the credentials this URL carried wherever they appear on their own.
 */
public final class EndpointUrl {

    /** RFC 3986, appendix B: splits any string into scheme, authority, path, query and fragment. */
    private static final Pattern PARTS = Pattern.compile(
            "^(?:([a-zA-Z][a-zA-Z0-9+.-]*):)?(?://([^/?#]*))?([^?#]*)(?:\\?([^#]*))?(?:#(.*))?$", Pattern.DOTALL);
    /** A URL with an authority inside a longer text, up to the first character no URL holds unescaped. */
    private static final Pattern URL_IN_TEXT = Pattern.compile("[a-zA-Z][a-zA-Z0-9+.-]*://[^\\s'\"<>`]+");
    private static final String HIDDEN = "***";
    /** Shorter credentials are not blanked on their own: they would garble every word that contains them. */
    private static final int MIN_SECRET = 4;

    private final String shown;
    private final List<String> secrets;

    private EndpointUrl(String shown, List<String> secrets) {
        this.shown = shown;
        this.secrets = List.copyOf(secrets);
    }

    /**
     * The URL without its credentials.
     *
     * @param raw a URL as configured; anything else is kept as it is, trimmed
     */
    public static EndpointUrl of(String raw) {
        String text = Objects.requireNonNull(raw, "raw").strip();
        Matcher m = PARTS.matcher(text);
        if (!m.matches() || m.group(1) == null || m.group(2) == null) {
            return new EndpointUrl(text, List.of());
        }
        List<String> secrets = new ArrayList<>();
        String scheme = m.group(1).toLowerCase(Locale.ROOT);
        StringBuilder sb = new StringBuilder(scheme).append("://").append(authority(scheme, m.group(2), secrets));
        String path = m.group(3);
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        sb.append(path);
        if (m.group(4) != null && !m.group(4).isEmpty()) {
            sb.append('?').append(query(m.group(4), secrets));
        }
        if (m.group(5) != null && !m.group(5).isEmpty()) {
            secrets.add(m.group(5));
        }
        return new EndpointUrl(sb.toString(), secrets);
    }

    /** Every URL inside {@code text} without its credentials; {@code null} stays {@code null}. */
    public static String redactIn(String text) {
        if (text == null || !text.contains("://")) {
            return text;
        }
        Matcher m = URL_IN_TEXT.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, Matcher.quoteReplacement(of(m.group()).toString()));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    /**
     * {@code text} with every URL in it shown without credentials, and the credentials of this URL blanked out
     * wherever else they appear (an error message may quote a password or a token on its own).
     */
    public String redact(String text) {
        String redacted = redactIn(text);
        if (redacted == null) {
            return null;
        }
        for (String secret : secrets) {
            if (secret.length() >= MIN_SECRET) {
                redacted = redacted.replace(secret, HIDDEN);
            }
        }
        return redacted;
    }

    /** Whether the configured URL carried credentials (user info, query values or a fragment) that are hidden. */
    public boolean hadCredentials() {
        return !secrets.isEmpty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EndpointUrl other && shown.equals(other.shown);
    }

    @Override
    public int hashCode() {
        return shown.hashCode();
    }

    /** The URL without credentials. */
    @Override
    public String toString() {
        return shown;
    }

    private static String authority(String scheme, String authority, List<String> secrets) {
        int at = authority.lastIndexOf('@');
        String hostPort = authority;
        if (at >= 0) {
            String userInfo = authority.substring(0, at);
            secrets.add(userInfo);
            secrets.add(decoded(userInfo));
            int colon = userInfo.indexOf(':');
            if (colon >= 0) {
                secrets.add(userInfo.substring(colon + 1));
                secrets.add(decoded(userInfo.substring(colon + 1)));
            }
            hostPort = authority.substring(at + 1);
        }
        int portColon = hostPort.lastIndexOf(':');
        if (portColon < 0 || hostPort.indexOf(']', portColon) >= 0) {
            return hostPort.toLowerCase(Locale.ROOT);
        }
        String host = hostPort.substring(0, portColon).toLowerCase(Locale.ROOT);
        String port = hostPort.substring(portColon + 1);
        if (port.isEmpty() || port.equals(defaultPort(scheme))) {
            return host;
        }
        return host + ":" + port;
    }

    private static String query(String query, List<String> secrets) {
        StringBuilder sb = new StringBuilder();
        for (String parameter : query.split("&", -1)) {
            if (sb.length() > 0) {
                sb.append('&');
            }
            int eq = parameter.indexOf('=');
            if (eq < 0) {
                // a bare value may itself be the key
                secrets.add(parameter);
                sb.append(parameter.isEmpty() ? "" : HIDDEN);
            } else {
                String value = parameter.substring(eq + 1);
                secrets.add(value);
                secrets.add(decoded(value));
                sb.append(parameter, 0, eq + 1).append(value.isEmpty() ? "" : HIDDEN);
            }
        }
        return sb.toString();
    }

    private static String defaultPort(String scheme) {
        switch (scheme) {
            case "http":
            case "ws":
                return "80";
            case "https":
            case "wss":
                return "443";
            default:
                return "";
        }
    }

    private static String decoded(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notEncoded) {
            return text;
        }
    }
}
