package io.netready.collector.store;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class UnreachableDatabaseTest {

    @Test
    void aServerThatIsNotThereSaysWhatToCheck() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        StoreException e = assertThrows(StoreException.class, () -> JdbcResultStore.open(
                "jdbc:postgresql://127.0.0.1:" + closed + "/netready", "netready", "x"));
        assertTrue(e.getMessage().startsWith("cannot open the database at jdbc:postgresql://127.0.0.1:" + closed),
                e.getMessage());
        assertTrue(e.getMessage().contains("check the host and port in --db-url, that the server is running"),
                e.getMessage());
    }
}
