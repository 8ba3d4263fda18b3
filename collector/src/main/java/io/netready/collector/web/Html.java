package io.netready.collector.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Escaping for the dashboard's HTML: site names, evidence and addresses are data from agents. */
final class Html {

    private Html() {
    }

    /**
     * {@code text} safe in element content and in double- or single-quoted attribute values
     * (HTML Living Standard §13.1.2.6 and §13.2.5.36: only these characters end or open markup there).
     */
    static String esc(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** {@code value} as one URL path segment or query value (RFC 3986 §2.1), spaces as %20. */
    static String urlPart(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** The link to a site's page, escaped for an attribute. */
    static String siteHref(String site) {
        return esc("/sites/" + urlPart(site));
    }
}
