package io.netready.collector.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.protobuf.util.Timestamps;
import io.netready.proto.ProbeResult;
import io.netready.proto.StreamStats;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard in a real browser: headless Chromium (Debian's {@code chromium}) loads the pages
 * of a collector seeded through its gRPC Results service; the DOM it built must show the site's
 * grade, and screenshots are saved under target/ for a person to look at.
 */
class DashboardBrowserTest {

    private static final Path TARGET = Path.of("target");

    @TempDir
    Path data;
    @TempDir
    Path profile;

    @Test
    void chromiumShowsTheGradeOnBothPages() throws Exception {
        String chromium = chromium();
        assumeTrue(chromium != null, "chromium is not installed (apt-get install -y chromium): browser test skipped");
        try (SeededCollector c = new SeededCollector(data, day())) {
            String sites = dumpDom(chromium, c.base + "/");
            Matcher row = Pattern.compile("<tr data-site=\"branch-7\">.*?</tr>", Pattern.DOTALL).matcher(sites);
            assertTrue(row.find(), sites);
            // SPEC §6: downstream loss p95 1.5 % and binding lifetime 45 s are two WARN findings: grade C.
            assertTrue(row.group().matches("(?s).*<span class=\"grade grade-C\"[^>]*>C</span>.*"), row.group());

            String site = dumpDom(chromium, c.base + "/sites/branch-7");
            Matcher grade = Pattern.compile("<span id=\"grade\" data-grade=\"([A-F])\"><span class=\"grade grade-\\1\"[^>]*>"
                    + "([A-F])</span>").matcher(site);
            assertTrue(grade.find(), site);
            assertEquals("C", grade.group(2));
            assertEquals(4, Pattern.compile("<svg class=\"chart\"").matcher(site).results().count());

            screenshot(chromium, c.base + "/", TARGET.resolve("dashboard-sites.png"), "1280,700");
            screenshot(chromium, c.base + "/sites/branch-7", TARGET.resolve("dashboard-site.png"), "1280,2400");
        }
    }

    /** A day of hourly runs for the plots, all within the seeded run's grade. */
    private static ProbeResult[] day() {
        ProbeResult seed = SeededCollector.result();
        List<ProbeResult> runs = new ArrayList<>();
        long now = System.currentTimeMillis();
        for (int h = 23; h >= 1; h--) {
            double wave = Math.sin(h / 3.0);
            StreamStats up = seed.getMedia().getUpstream().toBuilder().setLossPercent(0.3 + 0.2 * wave)
                    .setJitterMs(10 + 4 * wave).setMos(4.3 - 0.05 * wave).build();
            StreamStats down = seed.getMedia().getDownstream().toBuilder().setLossPercent(h % 2 == 0 ? 1.5 : 1.2)
                    .setJitterMs(18 + 6 * wave).setMos(4.1 - 0.05 * wave).build();
            runs.add(seed.toBuilder().setResultId("hour-" + h).clearLifetime()
                    .setStartedAt(Timestamps.fromMillis(now - h * 3_600_000L))
                    .setMedia(seed.getMedia().toBuilder().setUpstream(up).setDownstream(down)
                            .setRttMs(45 + 8 * wave).setRttP95Ms(60 + 10 * wave))
                    .build());
        }
        return runs.toArray(ProbeResult[]::new);
    }

    private String dumpDom(String chromium, String url) throws IOException, InterruptedException {
        return run(chromium, "--dump-dom", url);
    }

    private void screenshot(String chromium, String url, Path png, String size) throws IOException, InterruptedException {
        Files.createDirectories(png.getParent());
        Files.deleteIfExists(png);
        run(chromium, "--screenshot=" + png.toAbsolutePath(), "--window-size=" + size, "--hide-scrollbars", url);
        assertTrue(Files.size(png) > 10_000, "screenshot " + png + " written");
    }

    private String run(String chromium, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(chromium, "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile));
        cmd.addAll(List.of(args));
        Path err = Files.createTempFile(profile.getParent(), "chromium", ".log");
        Process p = new ProcessBuilder(cmd).redirectError(err.toFile()).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "chromium did not finish within 60 s");
        assertEquals(0, p.exitValue(), () -> "chromium failed: " + read(err));
        return new String(out, StandardCharsets.UTF_8);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static String chromium() {
        return Stream.of(System.getenv("PATH").split(File.pathSeparator))
                .flatMap(dir -> Stream.of("chromium", "chromium-browser").map(name -> Path.of(dir, name)))
                .filter(Files::isExecutable).map(Path::toString).findFirst().orElse(null);
    }
}
