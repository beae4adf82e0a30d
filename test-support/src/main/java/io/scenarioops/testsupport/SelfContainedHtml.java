package io.scenarioops.testsupport;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Reads an HTML page as a browser would (jsoup) and finds everything in it that would load
 * something from elsewhere: a {@code src}, {@code href}, {@code srcset}, {@code xlink:href},
 * {@code action} or {@code data} attribute with a URL scheme or a {@code //} host, a
 * {@code <link>} or {@code <base>} element, and {@code url(...)} or {@code @import} in inline CSS.
 * Links relative to the page (a manifest next to a report in the bucket) are not external.
 */
public final class SelfContainedHtml {
    private static final List<String> URL_ATTRIBUTES = List.of("src", "href", "srcset", "xlink:href", "action",
            "data", "poster");
    private static final Pattern EXTERNAL = Pattern.compile("^\\s*([a-zA-Z][a-zA-Z0-9+.-]*:|//).*");
    private static final Pattern CSS_LOAD = Pattern.compile("url\\s*\\(|@import", Pattern.CASE_INSENSITIVE);

    private SelfContainedHtml() {
    }

    public static Document parse(String html) {
        return Jsoup.parse(html);
    }

    /** Each reference that would load from elsewhere, as {@code element attribute="value"}; empty if none. */
    public static List<String> externalReferences(Document page) {
        List<String> found = new ArrayList<>();
        for (Element element : page.getAllElements()) {
            if (element.normalName().equals("link") || element.normalName().equals("base")) {
                found.add(element.outerHtml());
            }
            for (Attribute attribute : element.attributes()) {
                String name = attribute.getKey().toLowerCase(java.util.Locale.ROOT);
                if (URL_ATTRIBUTES.contains(name) && EXTERNAL.matcher(attribute.getValue()).matches()) {
                    found.add(element.normalName() + " " + name + "=\"" + attribute.getValue() + "\"");
                }
                if (name.equals("style") && CSS_LOAD.matcher(attribute.getValue()).find()) {
                    found.add(element.normalName() + " style=\"" + attribute.getValue() + "\"");
                }
            }
            if (element.normalName().equals("style") && CSS_LOAD.matcher(element.data()).find()) {
                found.add("<style> loading " + element.data());
            }
        }
        return found;
    }
}
