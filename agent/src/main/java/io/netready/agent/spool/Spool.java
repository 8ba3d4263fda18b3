package io.netready.agent.spool;

import io.netready.proto.ProbeResult;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Probe results waiting for the collector's acknowledgement, one file each in a directory, so
 * that neither a collector outage nor an agent restart loses one. A result is durable when
 * {@link #put} returns; it leaves the directory only when the collector acknowledged it, when the
 * collector rejects it for good ({@code rejected/}), when its file is damaged ({@code corrupt/})
 * or when a bound evicts it, and each of the last three is logged.
 *
 * <p>Thread-safe: the daemon puts while the uploader drains.
 */
public final class Spool {

    private static final Logger LOG = LoggerFactory.getLogger(Spool.class);

    static final String CORRUPT = "corrupt";
    static final String REJECTED = "rejected";
    private static final boolean WINDOWS = System.getProperty("os.name", "").startsWith("Windows");

    private final Path dir;
    private final SpoolLimits limits;
    /** File name (sorted oldest first) to its size in bytes. */
    private final TreeMap<String, Long> files = new TreeMap<>();
    private long bytes;
    private long evicted;
    private long corrupt;

    private Spool(Path dir, SpoolLimits limits) {
        this.dir = dir;
        this.limits = limits;
    }

    /** Creates dir if needed; deletes leftover temp files of a crashed write (logged); applies the bounds. */
    public static Spool open(Path dir, SpoolLimits limits) throws IOException {
        Files.createDirectories(dir);
        Spool spool = new Spool(dir, limits);
        synchronized (spool) {
            spool.index();
            spool.applyBounds();
        }
        return spool;
    }

    private void index() throws IOException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, Files::isRegularFile)) {
            for (Path file : entries) {
                String name = file.getFileName().toString();
                if (name.endsWith(SpoolFileName.TEMP_SUFFIX)) {
                    // The write was cut off before its rename, so put() never returned for it.
                    Files.delete(file);
                    LOG.warn("spool: deleted {}, a write cut off by a crash or kill; put() had not returned for it, "
                            + "so nothing acknowledged is lost", file);
                } else if (SpoolFileName.parse(name).isPresent()) {
                    files.put(name, Files.size(file));
                } else if (name.endsWith(SpoolFileName.SUFFIX)) {
                    moveAside(name, CORRUPT, "its name is not <started millis>-<result id>" + SpoolFileName.SUFFIX);
                }
            }
        }
        bytes = files.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Durable when it returns: temp file, fsync, atomic rename, fsync of the directory. Then applies the bounds. */
    public synchronized void put(ProbeResult result) throws IOException {
        SpoolFileName name = SpoolFileName.of(result);
        byte[] content = SpoolFile.encode(result);
        Path temp = dir.resolve(name.tempFileName());
        try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
                out.write(buffer);
            }
            out.force(true);
        }
        // rename(2) is atomic: a reader (or a restart) sees the whole file or none.
        Files.move(temp, dir.resolve(name.fileName()), StandardCopyOption.ATOMIC_MOVE);
        syncDirectory();
        Long replaced = files.put(name.fileName(), (long) content.length);
        bytes += content.length - (replaced == null ? 0 : replaced);
        applyBounds();
    }

    /** Results waiting. */
    public synchronized int pending() {
        return files.size();
    }

    /** Results evicted since open (size or age bound), each eviction logged. */
    public synchronized long evicted() {
        return evicted;
    }

    /** Damaged files moved to {@code corrupt/} since open, each logged. */
    public synchronized long corrupt() {
        return corrupt;
    }

    public Path dir() {
        return dir;
    }

    /** The oldest result that reads back whole; damaged files on the way are moved aside. */
    synchronized Optional<Spooled> oldest() throws IOException {
        while (!files.isEmpty()) {
            String name = files.firstKey();
            try {
                byte[] content = Files.readAllBytes(dir.resolve(name));
                ProbeResult result = SpoolFile.decode(content, SpoolFileName.parse(name).orElseThrow().resultId());
                return Optional.of(new Spooled(name, result));
            } catch (NoSuchFileException e) {
                LOG.warn("spool: {} was removed by someone else; it will not be uploaded", dir.resolve(name));
                forget(name);
            } catch (SpoolFile.Damaged e) {
                moveAside(name, CORRUPT, e.getMessage());
                corrupt++;
            }
        }
        return Optional.empty();
    }

    /** The collector acknowledged it: it may go. A crash before the delete only re-sends a duplicate. */
    synchronized void acknowledged(Spooled spooled) throws IOException {
        Files.deleteIfExists(dir.resolve(spooled.fileName()));
        forget(spooled.fileName());
    }

    /** The collector will never take it: kept in {@code rejected/} for a person to look at. */
    synchronized void rejected(Spooled spooled, String reason) throws IOException {
        if (files.containsKey(spooled.fileName())) {
            moveAside(spooled.fileName(), REJECTED, "the collector rejected it: " + reason);
        }
    }

    private void applyBounds() throws IOException {
        Instant now = Instant.now();
        while (!files.isEmpty()) {
            Map.Entry<String, Long> oldest = files.firstEntry();
            SpoolFileName name = SpoolFileName.parse(oldest.getKey()).orElseThrow();
            Duration age = Duration.between(Instant.ofEpochMilli(name.startedMillis()), now);
            String why;
            if (age.compareTo(limits.maxAge()) > 0) {
                why = "older than spool.maxAge " + limits.maxAge();
            } else if (bytes > limits.maxBytes()) {
                why = "the spool holds " + bytes + " bytes, more than spool.maxBytes " + limits.maxBytes();
            } else {
                return;
            }
            Files.deleteIfExists(dir.resolve(oldest.getKey()));
            forget(oldest.getKey());
            evicted++;
            LOG.warn("spool: evicted result {} (started {}, {} old) without uploading it: {}; {} evicted since start (a long collector outage? raise the bound or fix the connection)",
                    name.resultId(), Instant.ofEpochMilli(name.startedMillis()), age.withNanos(0), why, evicted);
        }
    }

    private void moveAside(String name, String subdirectory, String why) throws IOException {
        Path target = Files.createDirectories(dir.resolve(subdirectory)).resolve(name);
        Files.move(dir.resolve(name), target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        forget(name);
        LOG.warn("spool: moved {} to {} and will not upload it: {}", name, target, why);
    }

    private void forget(String name) {
        Long size = files.remove(name);
        if (size != null) {
            bytes -= size;
        }
    }

    /** Makes the rename itself durable: a new directory entry survives power loss only after this (fsync(2)). */
    private void syncDirectory() throws IOException {
        if (WINDOWS) {
            return; // NTFS journals the rename; a directory cannot be opened for fsync there.
        }
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        }
    }

    /** A result read back from its file. */
    record Spooled(String fileName, ProbeResult result) {
    }
}
