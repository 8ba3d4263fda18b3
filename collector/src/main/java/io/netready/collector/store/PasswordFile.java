package io.netready.collector.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The database password, read from a file so that it never appears in a command line, a
 * process list or the start banner.
 */
public final class PasswordFile {

    private PasswordFile() {
    }

    /** The file's first line (a trailing newline, as editors and echo write it, is not part of it). */
    public static String read(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            int end = text.indexOf('\n');
            return (end < 0 ? text : text.substring(0, end)).stripTrailing();
        } catch (IOException e) {
            throw new StoreException("cannot read the database password from " + file.toAbsolutePath() + " (" + e
                    + "): check --db-password-file and that the collector's user may read it", e);
        }
    }
}
