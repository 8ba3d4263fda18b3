package io.netready.common.net;

import java.util.regex.Pattern;

/**
 * What a site may be called: the collector checks every name an agent sends, and the agent checks
 * its configuration against the same rule, so a bad name fails at start, not at every upload.
 */
public final class SiteName {

    /** Site names appear in URLs, file names and metrics labels. */
    private static final Pattern SITE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    private SiteName() {
    }

    /** Why {@code site} is not a usable name, with {@code field} naming where it came from; null if it is. */
    public static String problem(String site, String field) {
        if (!SITE.matcher(site).matches()) {
            return field + " '" + site + "' is not a valid site name: use 1 to 128 letters, digits, '.', '_' or '-', "
                    + "starting with a letter or digit";
        }
        return null;
    }
}
