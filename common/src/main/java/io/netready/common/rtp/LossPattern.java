package io.netready.common.rtp;

/**
 * Loss runs and the RFC 3611 §4.7.2 burst/gap split of one stream, fed in sequence order,
 * packet by packet or as runs of lost packets (so a long trailing loss costs O(1)).
 *
 * <p>A loss run is a maximal run of consecutive lost packets. For burst and gap, lost and
 * discarded packets count alike ("impaired"). Impaired packets separated by fewer than
 * {@code gmin} received, kept packets form a cluster; a cluster of two or more is a burst,
 * spanning its first to its last impaired packet. An impaired packet with at least {@code gmin}
 * good packets on each side lies in a gap, and the stream counts as preceded and followed by
 * {@code gmin} good packets (RFC 3611 §4.7.2).
 */
final class LossPattern {
    private final int gmin;
    private long index;

    private long lossRun;
    private long lossRuns;
    private long lostInRuns;
    private long maxLossRun;

    private long goodRun;
    private long clusterFirst;
    private long clusterLast;
    private long clusterImpaired;
    private long impaired;
    private long burstPackets;
    private long burstImpaired;

    LossPattern(int gmin) {
        this.gmin = gmin;
    }

    void received(boolean discarded) {
        endLossRun();
        if (discarded) {
            impaired(1);
        } else {
            goodRun++;
            index++;
        }
    }

    void lost(long count) {
        if (count > 0) {
            lossRun += count;
            impaired(count);
        }
    }

    /** Call once after the last packet, before the getters. */
    void finish() {
        endLossRun();
        endCluster();
    }

    long maxLossRun() { return maxLossRun; }

    double meanLossRun() { return lossRuns == 0 ? 0 : (double) lostInRuns / lossRuns; }

    /** Impaired share of the packets within bursts, %. */
    double burstDensityPercent() { return percent(burstImpaired, burstPackets); }

    /** Impaired share of the packets within gaps, %. */
    double gapDensityPercent() { return percent(impaired - burstImpaired, index - burstPackets); }

    private void impaired(long count) {
        if (clusterImpaired == 0 || goodRun >= gmin) {
            endCluster();
            clusterFirst = index;
        }
        clusterImpaired += count;
        index += count;
        clusterLast = index - 1;
        impaired += count;
        goodRun = 0;
    }

    private void endCluster() {
        if (clusterImpaired >= 2) {
            burstPackets += clusterLast - clusterFirst + 1;
            burstImpaired += clusterImpaired;
        }
        clusterImpaired = 0;
    }

    private void endLossRun() {
        if (lossRun > 0) {
            lossRuns++;
            lostInRuns += lossRun;
            maxLossRun = Math.max(maxLossRun, lossRun);
            lossRun = 0;
        }
    }

    static double percent(long part, long whole) {
        return whole <= 0 ? 0 : 100.0 * part / whole;
    }
}
