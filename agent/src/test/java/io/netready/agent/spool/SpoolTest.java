package io.netready.agent.spool;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netready.agent.client.CollectorAddress;
import io.netready.agent.client.CollectorClient;
import io.netready.collector.Collector;
import io.netready.collector.CollectorConfig;
import io.netready.common.grade.GradingPolicy;
import io.netready.common.net.HostPort;
import io.netready.proto.ProbeResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The spool's files on a real disk, drained into a real collector on loopback. */
class SpoolTest {

    static final SpoolLimits ROOMY = new SpoolLimits(10_000_000, Duration.ofDays(7));
    static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    @TempDir
    static Path data;
    static Collector collector;
    static CollectorClient client;

    @TempDir
    Path dir;

    @BeforeAll
    static void startCollector() {
        collector = Collector.start(CollectorConfig.ephemeral(data.resolve("db"), GradingPolicy.defaults()));
        client = new CollectorClient(CollectorAddress.parse(HostPort.format(collector.grpcAddress())));
    }

    @AfterAll
    static void stopCollector() {
        client.close();
        collector.close();
    }

    @Test
    void whatIsPutReadsBackAfterReopenOldestFirst() throws IOException {
        Spool spool = Spool.open(dir, ROOMY);
        ProbeResult newest = SpoolResults.result("s", NOW.minusSeconds(10));
        ProbeResult oldest = SpoolResults.result("s", NOW.minusSeconds(300));
        ProbeResult middle = SpoolResults.result("s", NOW.minusSeconds(60));
        for (ProbeResult r : List.of(newest, oldest, middle)) {
            spool.put(r);
        }

        Spool reopened = Spool.open(dir, ROOMY);
        assertEquals(3, reopened.pending());
        List<ProbeResult> read = new ArrayList<>();
        for (var next = reopened.oldest(); next.isPresent(); next = reopened.oldest()) {
            read.add(next.get().result());
            reopened.acknowledged(next.get());
        }
        assertEquals(List.of(oldest, middle, newest), read, "byte-for-byte the results put, oldest first");
        assertEquals(0, reopened.pending());
        assertEquals(List.of(), files(dir), "every file deleted after its ack");
    }

    @Test
    void resultsStartedInTheSameMillisecondAreOrderedByResultId() throws IOException {
        Spool spool = Spool.open(dir, ROOMY);
        ProbeResult b = SpoolResults.result("s", NOW).toBuilder().setResultId("b").build();
        ProbeResult a = SpoolResults.result("s", NOW).toBuilder().setResultId("a").build();
        spool.put(b);
        spool.put(a);
        assertEquals("a", spool.oldest().orElseThrow().result().getResultId());
    }

    @Test
    void aResultIdThatCouldEscapeTheDirectoryIsRefused() throws IOException {
        Spool spool = Spool.open(dir, ROOMY);
        ProbeResult r = SpoolResults.result("s", NOW).toBuilder().setResultId("../x").build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> spool.put(r));
        assertTrue(e.getMessage().contains("UUID"), e.getMessage());
    }

    @Test
    void overTheSizeBoundTheOldestAreEvictedAndCounted() throws IOException {
        ProbeResult probe = SpoolResults.result("s", NOW);
        long fileBytes = SpoolFile.HEADER_BYTES + probe.getSerializedSize(); // every test result has this size
        Spool spool = Spool.open(dir, new SpoolLimits(3 * fileBytes, Duration.ofDays(7)));
        List<ProbeResult> put = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ProbeResult r = SpoolResults.result("s", NOW.minusSeconds(100 - i));
            put.add(r);
            spool.put(r);
        }
        assertEquals(2, spool.evicted());
        assertEquals(3, spool.pending());
        assertEquals(List.of(put.get(2), put.get(3), put.get(4)).stream().map(SpoolFileName::of)
                .map(SpoolFileName::fileName).toList(), files(dir), "the two oldest are gone, the newest three kept");
        long onDisk = 0;
        for (String name : files(dir)) {
            onDisk += Files.size(dir.resolve(name));
        }
        assertEquals(3 * fileBytes, onDisk, "within spool.maxBytes");
    }

    @Test
    void pastTheAgeBoundAResultIsEvictedOnPutAndOnOpen() throws IOException {
        Spool spool = Spool.open(dir, ROOMY);
        spool.put(SpoolResults.result("s", NOW.minus(Duration.ofDays(8))));
        assertEquals(1, spool.evicted());
        assertEquals(0, spool.pending());

        spool.put(SpoolResults.result("s", NOW.minus(Duration.ofHours(3))));
        spool.put(SpoolResults.result("s", NOW.minus(Duration.ofMinutes(5))));
        Spool stricter = Spool.open(dir, new SpoolLimits(10_000_000, Duration.ofHours(1)));
        assertEquals(1, stricter.evicted(), "the 3-hour-old result, at open");
        assertEquals(1, stricter.pending());
    }

    @Test
    void aWriteCutOffByACrashIsRemovedOnOpen() throws IOException {
        Spool spool = Spool.open(dir, ROOMY);
        ProbeResult kept = SpoolResults.result("s", NOW);
        spool.put(kept);
        ProbeResult torn = SpoolResults.result("s", NOW);
        Path temp = dir.resolve(SpoolFileName.of(torn).tempFileName());
        byte[] whole = SpoolFile.encode(torn);
        Files.write(temp, Arrays.copyOf(whole, whole.length / 2));

        Spool reopened = Spool.open(dir, ROOMY);
        assertFalse(Files.exists(temp));
        assertEquals(1, reopened.pending());
        assertEquals(kept, reopened.oldest().orElseThrow().result());
    }

    @Test
    void damagedFilesAreMovedAsideAndTheRestStillDrain() throws IOException {
        String site = "spool-corrupt";
        Spool spool = Spool.open(dir, ROOMY);
        ProbeResult truncated = SpoolResults.result(site, NOW.minusSeconds(30));
        ProbeResult flipped = SpoolResults.result(site, NOW.minusSeconds(20));
        ProbeResult whole = SpoolResults.result(site, NOW.minusSeconds(10));
        for (ProbeResult r : List.of(truncated, flipped, whole)) {
            spool.put(r);
        }
        Path truncatedFile = dir.resolve(SpoolFileName.of(truncated).fileName());
        byte[] t = Files.readAllBytes(truncatedFile);
        Files.write(truncatedFile, Arrays.copyOf(t, t.length - 3));
        Path flippedFile = dir.resolve(SpoolFileName.of(flipped).fileName());
        byte[] f = Files.readAllBytes(flippedFile);
        f[f.length - 5] ^= 0x01;
        Files.write(flippedFile, f);

        DrainReport report = new SpoolUploader(Spool.open(dir, ROOMY), ResultUpload.to(client), Duration.ZERO).drain();

        assertTrue(report.drained(), report.toString());
        assertEquals(1, report.uploaded());
        assertEquals(2, report.corrupt());
        assertEquals(List.of(whole.getResultId()), SpoolResults.storedIds(client, site));
        assertEquals(List.of(), files(dir));
        Path corrupt = dir.resolve(Spool.CORRUPT);
        assertArrayEquals(f, Files.readAllBytes(corrupt.resolve(flippedFile.getFileName())), "kept as found");
        assertEquals(t.length - 3, Files.size(corrupt.resolve(truncatedFile.getFileName())));
    }

    @Test
    void aResultTheCollectorRefusesIsMovedToRejectedAndTheRestDrain() throws IOException {
        String site = "spool-rejected";
        Spool spool = Spool.open(dir, ROOMY);
        ProbeResult invalid = SpoolResults.result("not a site!", NOW.minusSeconds(20));
        ProbeResult valid = SpoolResults.result(site, NOW.minusSeconds(10));
        spool.put(invalid);
        spool.put(valid);

        DrainReport report = new SpoolUploader(spool, ResultUpload.to(client), Duration.ZERO).drain();

        assertTrue(report.drained(), report.toString());
        assertEquals(1, report.rejected());
        assertEquals(1, report.uploaded());
        assertEquals(List.of(valid.getResultId()), SpoolResults.storedIds(client, site));
        assertTrue(Files.exists(dir.resolve(Spool.REJECTED).resolve(SpoolFileName.of(invalid).fileName())));
    }

    @Test
    void uploadsArePaced() throws IOException {
        Spool spool = Spool.open(dir, ROOMY);
        for (int i = 0; i < 4; i++) {
            spool.put(SpoolResults.result("spool-paced", NOW.minusSeconds(10 - i)));
        }
        long start = System.nanoTime();
        DrainReport report = new SpoolUploader(spool, ResultUpload.to(client), Duration.ofMillis(200)).drain();
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(4, report.uploaded());
        assertTrue(millis >= 3 * 200, "4 uploads 200 ms apart took " + millis + " ms");
    }

    /** The result files directly in {@code dir}, sorted. */
    static List<String> files(Path dir) throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
