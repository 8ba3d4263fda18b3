package io.netready.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netready.collector.Collector;
import io.netready.collector.CollectorConfig;
import io.netready.collector.auth.TokenKind;
import io.netready.collector.auth.TokenStore;
import io.netready.collector.store.Database;
import io.netready.collector.tls.TlsFiles;
import io.netready.common.grade.GradingPolicy;
import io.netready.common.net.HostPort;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A collector with tokens and TLS (certificate made by openssl here, for IP 127.0.0.1), and the
 * CLI against it: what each token may do, what a missing token and a wrong CA say, HTTPS with
 * the bearer check in front of the routes.
 */
class TokensAndTlsTest {

    @TempDir
    static Path dir;

    static Collector collector;
    static String address;
    static Path cert;
    static Path otherCa;
    static String siteToken;
    static String readToken;

    @BeforeAll
    static void start() throws Exception {
        cert = dir.resolve("collector.pem");
        Path key = dir.resolve("collector.key");
        openssl(cert, key);
        otherCa = dir.resolve("other.pem");
        openssl(otherCa, dir.resolve("other.key"));
        Path data = dir.resolve("db");
        try (Database db = Database.embedded(data)) {
            TokenStore tokens = new TokenStore(db.dataSource(), Clock.systemUTC());
            siteToken = tokens.create(TokenKind.SITE, Optional.of("branch-1")).secret();
            readToken = tokens.create(TokenKind.READ, Optional.empty()).secret();
        }
        CollectorConfig e = CollectorConfig.ephemeral(data, GradingPolicy.defaults());
        collector = Collector.start(new CollectorConfig(e.listenAddress(), e.stunAlternateAddress(), 0, 0, 0, 0, 0,
                data, Optional.empty(), e.policy(), Optional.of(new TlsFiles(cert, key)), false, Optional.empty(),
                Optional.empty(), e.retention()));
        address = HostPort.format(collector.grpcAddress());
    }

    private static void openssl(Path cert, Path key) throws Exception {
        Process p = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                "ec_paramgen_curve:prime256v1", "-nodes", "-days", "1", "-subj", "/CN=netready test",
                "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", key.toString(), "-out", cert.toString())
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0, output);
    }

    @AfterAll
    static void stop() {
        collector.close();
    }

    @Test
    void theCollectorIsNotInDevelopmentModeWithTokens() {
        assertTrue(!collector.open());
    }

    @Test
    void aSiteTokenProbesItsOwnSiteOverTlsWithThePrivateCa() {
        CliRun probe = CliRun.of("probe", "--collector", address, "--site", "branch-1", "--token", siteToken,
                "--ca", cert.toString(), "--tests", "nat", "--json");
        assertNotEquals(2, probe.exitCode(), probe.err());
        assertTrue(probe.out().contains("\"uploaded\": true"), probe.out());
    }

    @Test
    void aSiteTokenCannotProbeForAnotherSiteNorRead() {
        CliRun other = CliRun.of("probe", "--collector", address, "--site", "branch-2", "--token", siteToken,
                "--ca", cert.toString(), "--tests", "nat", "--json");
        assertEquals(2, other.exitCode());
        assertTrue(other.err().contains("does not allow this") && other.err().contains("'branch-1'")
                && other.err().contains("'branch-2'"), other.err());
        CliRun sites = CliRun.of("sites", "--collector", address, "--token", siteToken, "--ca", cert.toString());
        assertEquals(2, sites.exitCode());
        assertTrue(sites.err().contains("token create --read"), sites.err());
    }

    @Test
    void aReadTokenListsSites() {
        CliRun sites = CliRun.of("sites", "--collector", address, "--token", readToken, "--ca", cert.toString());
        assertEquals(0, sites.exitCode(), sites.err());
    }

    @Test
    void noTokenIsRefusedSayingHowToGetOne() {
        CliRun sites = CliRun.of("sites", "--collector", address, "--ca", cert.toString());
        assertEquals(2, sites.exitCode());
        assertTrue(sites.err().contains("refused the token") && sites.err().contains("netready-collector token create")
                && sites.err().contains("NETREADY_TOKEN"), sites.err());
    }

    @Test
    void aWrongCaOrPlaintextIsAClearError() {
        CliRun wrongCa = CliRun.of("sites", "--collector", address, "--token", readToken, "--ca", otherCa.toString());
        assertEquals(2, wrongCa.exitCode());
        assertTrue(wrongCa.err().contains("TLS with the collector at " + address + " failed")
                && wrongCa.err().contains("--ca"), wrongCa.err());
        CliRun plain = CliRun.of("sites", "--collector", address, "--token", readToken);
        assertEquals(2, plain.exitCode());
        assertTrue(plain.err().contains("--ca FILE or --tls"), plain.err());
        try (Collector plaintext = Collector.start(CollectorConfig.ephemeral(dir.resolve("plain"),
                GradingPolicy.defaults()))) {
            CliRun tls = CliRun.of("sites", "--collector", HostPort.format(plaintext.grpcAddress()), "--ca",
                    cert.toString());
            assertEquals(2, tls.exitCode());
            assertTrue(tls.err().contains("does not speak TLS: leave out --ca and --tls"), tls.err());
        }
    }

    @Test
    void httpsServesHealthOpenlyAndEverythingElseOnlyToReaders() throws Exception {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(cert)) {
            trust.setCertificateEntry("collector", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, tmf.getTrustManagers(), null);
        HttpClient http = HttpClient.newBuilder().sslContext(ssl).build();
        String base = "https://" + HostPort.format(collector.httpAddress());
        assertEquals(200, get(http, base + "/healthz", null).statusCode());
        HttpResponse<String> anonymous = get(http, base + "/sites", null);
        assertEquals(401, anonymous.statusCode());
        assertTrue(anonymous.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"));
        assertTrue(anonymous.body().contains("token create"), anonymous.body());
        assertEquals(403, get(http, base + "/sites", siteToken).statusCode());
        // Past the check: the routes answer (404 until the dashboard serves this path).
        int reader = get(http, base + "/sites", readToken).statusCode();
        assertTrue(reader != 401 && reader != 403, "read token got " + reader);
    }

    private static HttpResponse<String> get(HttpClient http, String url, String token) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(url));
        if (token != null) {
            r.header("Authorization", "Bearer " + token);
        }
        return http.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }
}
