package io.netready.common.cli;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sizes for people: "50MB", "512KB", "2GB", or a plain number of bytes. Binary multiples
 * (1 KB = 1024 bytes), as journald's SystemMaxUse= and du -h count, so that the figure a person
 * compares against their disk tools means the same here.
 */
public final class ByteSize {

    private static final Pattern SIZE = Pattern.compile("(\\d{1,15})\\s*(B|KB|K|MB|M|GB|G)?");

    private ByteSize() {
    }

    /**
     * The number of bytes.
     *
     * @throws IllegalArgumentException saying how to write one
     */
    public static long parse(String value) {
        Matcher m = SIZE.matcher(value.trim().toUpperCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + value + "' is not a size: write e.g. 50MB, 512KB, 2GB or a number "
                    + "of bytes");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "B" : m.group(2);
        return switch (unit.charAt(0)) {
            case 'K' -> n * 1024;
            case 'M' -> n * 1024 * 1024;
            case 'G' -> n * 1024 * 1024 * 1024;
            default -> n;
        };
    }

    /** The largest unit that keeps the number whole: 50MB, 1536KB, 100B. */
    public static String format(long bytes) {
        String[] units = {"B", "KB", "MB", "GB"};
        int u = 0;
        long n = bytes;
        while (u < units.length - 1 && n != 0 && n % 1024 == 0) {
            n /= 1024;
            u++;
        }
        return n + units[u];
    }
}
