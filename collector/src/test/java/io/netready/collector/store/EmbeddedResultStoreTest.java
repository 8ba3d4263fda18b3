package io.netready.collector.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The contract on the embedded H2 database, and what only the embedded one does. */
class EmbeddedResultStoreTest extends ResultStoreContract {

    @TempDir
    Path dir;

    @Override
    protected void createDatabase() {
        // @TempDir is new and empty for every test: the store creates its database there.
    }

    @Override
    protected ResultStore open() {
        return JdbcResultStore.embedded(dir);
    }

    @Test
    void aSecondCollectorOnTheSameDataDirectoryIsRefusedClearly() throws Exception {
        // Another process, as a second collector would be (within one JVM, H2 shares the database).
        Process second = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), OpenStoreMain.class.getName(), dir.toString())
                .redirectErrorStream(true).start();
        String output = new String(second.getInputStream().readAllBytes());
        assertEquals(3, second.waitFor(), output);
        assertTrue(output.contains("is another collector using the same --data directory?"), output);
    }

    /** Opens the store in {@code args[0]}; exit 3 with the error when refused. */
    public static final class OpenStoreMain {
        @SuppressWarnings("try")
        public static void main(String[] args) {
            try (JdbcResultStore store = JdbcResultStore.embedded(Path.of(args[0]))) {
                System.out.println("opened");
            } catch (StoreException e) {
                System.out.println(e.getMessage());
                System.exit(3);
            }
        }
    }
}
