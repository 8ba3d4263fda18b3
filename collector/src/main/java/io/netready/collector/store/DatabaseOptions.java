package io.netready.collector.store;

import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code --data} and {@code --db-url}: where the collector's database is, for serve and token. */
public final class DatabaseOptions {

    @Option(names = "--data", paramLabel = "DIR", defaultValue = "netready-data",
            description = "Directory of the embedded database (default: ./${DEFAULT-VALUE}).")
    Path data;

    @Option(names = "--db-url", paramLabel = "JDBC_URL",
            description = "Use this database instead of the embedded one.")
    String dbUrl;

    public Path dataDir() {
        return data;
    }

    public Optional<String> dbUrl() {
        return Optional.ofNullable(dbUrl);
    }

    /** Where the database is, for people: the JDBC URL or the embedded database's directory. */
    public String describe() {
        return dbUrl != null ? dbUrl : data.toAbsolutePath() + " (embedded H2)";
    }

    /** Opens (and migrates) the database. */
    public Database open() {
        return dbUrl != null ? Database.open(dbUrl, null, null) : Database.embedded(data);
    }
}
