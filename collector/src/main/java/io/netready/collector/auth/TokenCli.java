package io.netready.collector.auth;

import io.netready.collector.store.Database;
import io.netready.collector.store.DatabaseOptions;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code netready-collector token create|list|revoke}: manages API tokens directly in the
 * collector's database. The embedded database is held by a running collector, so with it the
 * collector must be stopped first; a shared database (--db-url) can be managed while it runs.
 */
@Command(name = "token", mixinStandardHelpOptions = true,
        description = {"Creates, lists and revokes the tokens agents and readers present to the collector.",
            "Works on the database directly: with the embedded database stop the collector first (it holds the "
                    + "database); with --db-url it may run. Changes apply to the next call."},
        subcommands = {TokenCli.Create.class, TokenCli.ListTokens.class, TokenCli.Revoke.class})
public final class TokenCli {

    /** What every token subcommand shares: the database options, and a token store on them. */
    abstract static class OnStore implements Callable<Integer> {
        @Mixin
        DatabaseOptions database;

        @Spec
        CommandSpec spec;

        /** Runs {@code action} on a token store over the database, closed afterwards. */
        <T> T withStore(Function<TokenStore, T> action) {
            try {
                database.check();
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
            try (Database db = database.open()) {
                return action.apply(new TokenStore(db.dataSource(), Clock.systemUTC()));
            }
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Creates a token and prints it once, alone on the last line: only its hash is stored.")
    static final class Create extends OnStore {

        static final class Kind {
            @Option(names = "--site", paramLabel = "NAME", required = true,
                    description = "For the agent at site NAME: may probe and upload for that site only.")
            String site;

            @Option(names = "--read", required = true, description = "For readers: reports, sites, gate, dashboard.")
            boolean read;

            @Option(names = "--admin", required = true, description = "May do everything.")
            boolean admin;
        }

        @ArgGroup(multiplicity = "1")
        Kind kind;

        @Override
        public Integer call() {
            TokenKind k = kind.site != null ? TokenKind.SITE : kind.read ? TokenKind.READ : TokenKind.ADMIN;
            if (kind.site != null && !kind.site.matches("[A-Za-z0-9._-]{1,128}")) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--site '" + kind.site + "': a site "
                        + "name is 1 to 128 letters, digits, '.', '_' or '-'");
            }
            IssuedToken token = withStore(store -> store.create(k, Optional.ofNullable(kind.site)));
            PrintWriter out = spec.commandLine().getOut();
            out.printf("Created %s token %s%s. It is shown only now: keep it secret, and give it to the agent "
                    + "with --token or $NETREADY_TOKEN (a running collector without tokens must be restarted "
                    + "to leave development mode).%n", k.name().toLowerCase(Locale.ROOT), token.id(),
                    kind.site != null ? " for site " + kind.site : "");
            out.println(token.secret());
            out.flush();
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Lists the tokens: id, kind, site, created, last used, revoked. Never the secrets.")
    static final class ListTokens extends OnStore {
        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            List<Token> tokens = withStore(TokenStore::list);
            String format = "%-10s  %-5s  %-20s  %-20s  %-20s  %s%n";
            out.printf(format, "ID", "KIND", "SITE", "CREATED", "LAST USED", "REVOKED");
            for (Token t : tokens) {
                out.printf(format, t.id(), t.kind().name().toLowerCase(Locale.ROOT), t.site().orElse("-"),
                        time(t.createdAt()), t.lastUsedAt().map(TokenCli::time).orElse("never"),
                        t.revokedAt().map(TokenCli::time).orElse("-"));
            }
            out.flush();
            return 0;
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true,
            description = "Revokes a token: its next call is refused (UNAUTHENTICATED, saying it was revoked).",
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:revoked", "1:no such token, or revoked already"})
    static final class Revoke extends OnStore {
        @Parameters(paramLabel = "ID", description = "The token's id, as `token list` shows it.")
        String id;

        @Override
        public Integer call() {
            boolean revoked = withStore(store -> store.revoke(id));
            if (!revoked) {
                spec.commandLine().getErr().println("error: no token " + id + " that is not revoked already; "
                        + "`netready-collector token list` shows them");
                return 1;
            }
            spec.commandLine().getOut().println("Revoked token " + id + ".");
            return 0;
        }
    }

    private static String time(Instant t) {
        return t.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
