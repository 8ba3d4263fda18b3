package io.netready.agent.spool;

import io.grpc.Status;
import io.netready.agent.client.CollectorException;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/**
 * Sends the spool's results to the collector, oldest first, paced, and deletes each one only
 * after the collector acknowledged it. Delivery is at least once (a crash between the ack and the
 * delete re-sends), and the collector's idempotent ingest by result id makes it exactly once.
 */
public final class SpoolUploader {

    /**
     * At most 2 results per second per agent: a week's backlog at a 5-minute interval (2016
     * results) drains in about 17 minutes, while a thousand agents coming back together ask the
     * collector for at most 2000 commits per second (see docs/spool.md).
     */
    public static final Duration DEFAULT_GAP = Duration.ofMillis(500);

    private final Spool spool;
    private final ResultUpload upload;
    private final Duration gap;

    /** Paced at {@link #DEFAULT_GAP}. */
    public SpoolUploader(Spool spool, ResultUpload upload) {
        this(spool, upload, DEFAULT_GAP);
    }

    /** @param gap the least time between two uploads; zero for none (tests, benchmarks) */
    public SpoolUploader(Spool spool, ResultUpload upload, Duration gap) {
        if (gap.isNegative()) {
            throw new IllegalArgumentException("the gap between uploads must not be negative, got " + gap);
        }
        this.spool = spool;
        this.upload = upload;
        this.gap = gap;
    }

    /** Uploads oldest first until the spool is empty or the collector is unavailable; deletes each file only after its ack. */
    public DrainReport drain() {
        int uploaded = 0;
        int rejected = 0;
        long corruptBefore = spool.corrupt();
        String stopped = null;
        try {
            for (Optional<Spool.Spooled> next = spool.oldest(); next.isPresent(); next = spool.oldest()) {
                if (uploaded + rejected > 0 && !gap.isZero()) {
                    Thread.sleep(gap.toMillis());
                }
                Spool.Spooled spooled = next.get();
                try {
                    upload.submit(spooled.result());
                } catch (CollectorException e) {
                    if (e.code() == Status.Code.INVALID_ARGUMENT) {
                        // The collector will never take this one; holding it would block the backlog behind it.
                        spool.rejected(spooled, e.getMessage());
                        rejected++;
                        continue;
                    }
                    stopped = stopReason(e);
                    break;
                }
                spool.acknowledged(spooled);
                uploaded++;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopped = "interrupted (the agent is stopping); the rest stays in the spool for the next start";
        } catch (IOException e) {
            stopped = "the spool directory " + spool.dir() + " failed (" + e + "): check the disk and its permissions";
        }
        return new DrainReport(uploaded, rejected, (int) (spool.corrupt() - corruptBefore), spool.pending(),
                Optional.ofNullable(stopped));
    }

    private static String stopReason(CollectorException e) {
        return switch (e.code()) {
            case UNAVAILABLE, DEADLINE_EXCEEDED -> e.getMessage() + "; the results stay in the spool until it is back";
            case UNAUTHENTICATED, PERMISSION_DENIED -> e.getMessage() + ": fix the token (tokenFile in the agent "
                    + "configuration, `netready-collector token create --site NAME` on the collector); the results "
                    + "stay in the spool";
            default -> e.getMessage() + "; the results stay in the spool and are retried at the next drain";
        };
    }
}
