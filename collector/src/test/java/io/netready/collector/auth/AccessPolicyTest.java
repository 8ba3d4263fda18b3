package io.netready.collector.auth;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.netready.collector.store.Database;
import io.netready.proto.OpenSessionRequest;
import io.netready.proto.ProbeResult;
import io.netready.proto.SubmitResultRequest;
import java.net.InetAddress;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The access rules on their own, with a real token store on the embedded database. */
class AccessPolicyTest {

    @TempDir
    java.nio.file.Path dir;

    private Database db;
    private TokenStore tokens;
    private AccessPolicy policy;

    @BeforeEach
    void open() {
        db = Database.embedded(dir);
        tokens = new TokenStore(db.dataSource(), Clock.systemUTC());
        policy = new AccessPolicy(tokens, false);
    }

    @AfterEach
    void close() {
        db.close();
    }

    private Caller caller(IssuedToken token) {
        return policy.authenticate("Bearer " + token.secret());
    }

    @Test
    void tokensAreRandomPrefixedAndStoredOnlyAsTheirSha256() throws Exception {
        IssuedToken a = tokens.create(TokenKind.READ, Optional.empty());
        IssuedToken b = tokens.create(TokenKind.READ, Optional.empty());
        assertTrue(a.secret().matches("nrt_[A-Za-z0-9_-]{43}"), a.secret()); // 256 bits, URL-safe
        assertFalse(a.secret().equals(b.secret()));
        try (Connection c = db.dataSource().getConnection();
             ResultSet rs = c.createStatement().executeQuery("SELECT * FROM tokens")) {
            while (rs.next()) {
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    String v = rs.getString(i);
                    assertFalse(v != null && (v.contains(a.secret().substring(4)) || v.contains(b.secret().substring(4))),
                            "a secret is stored in column " + rs.getMetaData().getColumnName(i));
                }
            }
        }
        // SHA-256 of "abc" (FIPS 180-2 appendix B.1).
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", TokenStore.hash("abc"));
    }

    @Test
    void missingUnknownAndRevokedTokensAreUnauthenticatedAndSayWhatToDo() {
        for (String header : new String[] {null, "", "Basic dXNlcjpwdw==", "Bearer nrt_nonsense"}) {
            StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> policy.authenticate(header));
            assertEquals(Status.Code.UNAUTHENTICATED, e.getStatus().getCode());
            assertTrue(e.getStatus().getDescription().contains("netready-collector token create"), header);
            assertTrue(e.getStatus().getDescription().contains("--token or $NETREADY_TOKEN"), header);
        }
        IssuedToken t = tokens.create(TokenKind.ADMIN, Optional.empty());
        assertDoesNotThrow(() -> caller(t));
        assertTrue(tokens.revoke(t.id()));
        assertFalse(tokens.revoke(t.id()));
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> caller(t));
        assertEquals(Status.Code.UNAUTHENTICATED, e.getStatus().getCode());
        assertTrue(e.getStatus().getDescription().contains("token " + t.id() + " was revoked"),
                e.getStatus().getDescription());
    }

    @Test
    void aSiteTokenProbesAndUploadsForItsOwnSiteOnly() {
        Caller site = caller(tokens.create(TokenKind.SITE, Optional.of("store-042")));
        assertDoesNotThrow(() -> policy.authorize(site, "netready.v1.ProbeSessions/OpenSession"));
        assertDoesNotThrow(() -> policy.authorize(site, "netready.v1.Results/SubmitResult"));
        assertDoesNotThrow(() -> policy.authorizeRequest(site, OpenSessionRequest.newBuilder().setSite("store-042")
                .build()));
        StatusRuntimeException other = assertThrows(StatusRuntimeException.class, () -> policy.authorizeRequest(site,
                SubmitResultRequest.newBuilder().setResult(ProbeResult.newBuilder().setSite("store-007")).build()));
        assertEquals(Status.Code.PERMISSION_DENIED, other.getStatus().getCode());
        assertTrue(other.getStatus().getDescription().contains("'store-042'")
                && other.getStatus().getDescription().contains("'store-007'"), other.getStatus().getDescription());

        StatusRuntimeException read = assertThrows(StatusRuntimeException.class,
                () -> policy.authorize(site, "netready.v1.Reports/ListSites"));
        assertEquals(Status.Code.PERMISSION_DENIED, read.getStatus().getCode());
        assertTrue(read.getStatus().getDescription().contains("token create --read"));
        assertThrows(StatusRuntimeException.class, () -> policy.authorizeReading(site));
    }

    @Test
    void aReadTokenReadsAndGatesButDoesNotUpload() {
        Caller read = caller(tokens.create(TokenKind.READ, Optional.empty()));
        assertDoesNotThrow(() -> policy.authorize(read, "netready.v1.Reports/GetSiteReport"));
        assertDoesNotThrow(() -> policy.authorize(read, "netready.v1.Gate/Check"));
        assertDoesNotThrow(() -> policy.authorizeReading(read));
        for (String m : new String[] {"netready.v1.Results/SubmitResult", "netready.v1.ProbeSessions/OpenSession"}) {
            StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> policy.authorize(read, m));
            assertEquals(Status.Code.PERMISSION_DENIED, e.getStatus().getCode());
        }
        Caller admin = caller(tokens.create(TokenKind.ADMIN, Optional.empty()));
        assertDoesNotThrow(() -> policy.authorize(admin, "netready.v1.Results/SubmitResult"));
        assertDoesNotThrow(() -> policy.authorizeRequest(admin, OpenSessionRequest.newBuilder().setSite("any").build()));
    }

    @Test
    void developmentModeOnlyOnLoopbackWithoutTokens() throws Exception {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        InetAddress lan = InetAddress.getByName("192.0.2.10");
        assertTrue(AccessPolicy.atStart(tokens, loopback, false).open());
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> AccessPolicy.atStart(tokens, lan, false));
        assertTrue(refused.getMessage().contains("create a token first"), refused.getMessage());
        assertTrue(AccessPolicy.atStart(tokens, lan, true).open());

        IssuedToken t = tokens.create(TokenKind.SITE, Optional.of("s1"));
        assertFalse(AccessPolicy.atStart(tokens, loopback, false).open());
        assertFalse(AccessPolicy.atStart(tokens, lan, false).open());
        tokens.revoke(t.id());
        assertTrue(AccessPolicy.atStart(tokens, loopback, false).open(), "only revoked tokens: none in force");
    }

    @Test
    void listShowsUseButNoSecret() {
        IssuedToken t = tokens.create(TokenKind.SITE, Optional.of("s1"));
        assertTrue(tokens.list().get(0).lastUsedAt().isEmpty());
        caller(t);
        Token listed = tokens.list().get(0);
        assertEquals(t.id(), listed.id());
        assertEquals(Optional.of("s1"), listed.site());
        assertTrue(listed.lastUsedAt().isPresent());
    }
}
