package io.scenarioops.core.config;

import java.util.regex.Pattern;

/**
 * URLs and endpoints as they may appear in logs, messages and command output: the user-info of
 * the authority ({@code //user:password@host}) and every query or property parameter whose name
 * holds "password", "secret" or "token" ({@code ?password=...}, {@code ;secret=...}) are masked.
 */
public final class Redaction {
    public static final String MASK = "***";

    private static final Pattern USER_INFO = Pattern.compile("(?<=//)[^/?#@]*@");
    private static final Pattern SECRET_PARAMETER = Pattern.compile(
            "([?&;][^=&;#]*(?:password|secret|token)[^=&;#]*=)[^&;#]*", Pattern.CASE_INSENSITIVE);

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
}
