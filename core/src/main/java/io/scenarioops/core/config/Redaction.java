package io.scenarioops.core.config;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * URLs and endpoints as they may appear in logs, messages and command output: the user-info of
 * the authority ({@code //user:password@host}) and every query or property parameter whose name
 * holds "password", "secret" or "token" ({@code ?password=...}, {@code ;secret=...}) are masked.
 * Client settings are shown with the values of secret ones (JAAS configs, passwords, private keys,
 * tokens) masked.
 */
public final class Redaction {
    public static final String MASK = "***";

    /**
     * Up to the last {@code @} after {@code //} before any whitespace, whatever comes between: a
     * password written with an unencoded {@code @}, {@code /} or {@code ?} (which the URL syntax
     * does not allow, and a driver then quotes in its error) is masked whole, at the price of
     * masking a path or query that holds an {@code @}.
     */
    private static final Pattern USER_INFO = Pattern.compile("(?<=//)\\S*@");
    private static final Pattern SECRET_PARAMETER = Pattern.compile(
            "([?&;][^=&;#]*(?:password|secret|token)[^=&;#]*=)[^&;#]*", Pattern.CASE_INSENSITIVE);
    private static final Pattern SECRET_SETTING = Pattern.compile(
            "password|secret|token|jaas|credential|user\\.info|(^|\\.)key$", Pattern.CASE_INSENSITIVE);

    private Redaction() {
    }

    /** The URL with its credentials masked; null stays null. */
    public static String url(String url) {
        if (url == null) {
            return null;
        }
        String withoutUser = USER_INFO.matcher(url).replaceFirst(MASK + "@");
        return SECRET_PARAMETER.matcher(withoutUser).replaceAll("$1" + MASK);
    }

    /**
     * A message about {@code url} with its credentials masked: URLs in the message as {@link #url}
     * masks them, and the URL's {@code user:password} wherever the message quotes it (PostgreSQL's
     * driver says {@code UnknownHostException: user:pw@host}). A password alone is not looked for:
     * a short one would mask unrelated text.
     */
    public static String within(String message, String url) {
        if (message == null || url == null) {
            return message;
        }
        String masked = url(message);
        Matcher userInfo = USER_INFO.matcher(url);
        if (userInfo.find()) {
            String credentials = userInfo.group().substring(0, userInfo.group().length() - 1);
            if (credentials.contains(":")) {
                masked = masked.replace(credentials + "@", MASK + "@");
            }
        }
        return masked;
    }

    /** Whether a client setting's value is a secret: sasl.jaas.config, ssl.key.password, ssl.keystore.key, ... */
    public static boolean isSecretSetting(String name) {
        return SECRET_SETTING.matcher(name).find();
    }

    /** The settings sorted by name, the values of secret ones masked. */
    public static String settings(Map<String, String> settings) {
        Map<String, String> shown = new TreeMap<>();
        settings.forEach((name, value) -> shown.put(name, isSecretSetting(name) ? MASK : value));
        return shown.toString();
    }
}
