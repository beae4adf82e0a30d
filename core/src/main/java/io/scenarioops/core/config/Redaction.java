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

    private static final Pattern USER_INFO = Pattern.compile("(?<=//)[^/?#@]*@");
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
     * A message about {@code url} with the URL's credentials masked wherever they appear, as when a
     * driver quotes part of the URL (PostgreSQL's {@code UnknownHostException: user:pw@host}).
     */
    public static String within(String message, String url) {
        if (message == null || url == null) {
            return message;
        }
        String masked = url(message);
        Matcher userInfo = USER_INFO.matcher(url);
        if (userInfo.find() && userInfo.group().length() > 1) {
            masked = masked.replace(userInfo.group().substring(0, userInfo.group().length() - 1), MASK);
        }
        Matcher parameter = SECRET_PARAMETER.matcher(url);
        while (parameter.find()) {
            String value = parameter.group().substring(parameter.group(1).length());
            if (!value.isEmpty()) {
                masked = masked.replace(value, MASK);
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
