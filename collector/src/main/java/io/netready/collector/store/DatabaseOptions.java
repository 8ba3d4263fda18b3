package io.netready.collector.store;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * {@code --data}, {@code --db-url} and the database login: where the collector's database is, for
 * serve and token.
 */
public final class DatabaseOptions {

    @Option(names = "--data", paramLabel = "DIR", defaultValue = "netready-data",
            description = "Directory of the embedded database (default: ./${DEFAULT-VALUE}).")
    Path data;

    @Option(names = "--db-url", paramLabel = "JDBC_URL",
            description = "Use this database instead of the embedded one, e.g. "
                    + "jdbc:postgresql://db.example.net:5432/netready (docs/storage.md).")
    String dbUrl;

    @Option(names = "--db-user", paramLabel = "USER", description = "Database user for --db-url.")
    String dbUser;

    @Option(names = "--db-password-file", paramLabel = "FILE",
            description = "File whose first line is the password of --db-user (not on the command line: "
                    + "it would show in the process list).")
    Path dbPasswordFile;

    /** @throws IllegalArgumentException saying what is wrong with the combination and what to do */
    public void check() {
        if (dbUrl == null && (dbUser != null || dbPasswordFile != null)) {
            throw new IllegalArgumentException(
                    "--db-user and --db-password-file need --db-url: the embedded database has no users");
        }
        if (dbUrl != null && dbUrl.toLowerCase(Locale.ROOT).matches(".*[?&;]password=.*")) {
            throw new IllegalArgumentException("--db-url contains a password: put it in a file readable only by "
                    + "the collector's user and pass --db-password-file FILE");
        }
    }

    public Path dataDir() {
        return data;
    }

    public Optional<String> dbUrl() {
        return Optional.ofNullable(dbUrl);
    }

    public Optional<String> dbUser() {
        return Optional.ofNullable(dbUser);
    }

    public Optional<Path> dbPasswordFile() {
        return Optional.ofNullable(dbPasswordFile);
    }

    /** Where the database is, for people: the JDBC URL or the embedded database's directory. */
    public String describe() {
        return dbUrl != null ? dbUrl : data.toAbsolutePath() + " (embedded H2)";
    }

    /** Opens (and migrates) the database; call {@link #check} first. */
    public Database open() {
        return dbUrl != null ? Database.open(dbUrl, dbUser, dbPasswordFile().map(PasswordFile::read).orElse(null))
                : Database.embedded(data);
    }
}
