package io.netready.common.grade;

/**
 * The keep-alive interval to configure on phones and SBCs for SIP and RTP over UDP, from a
 * measured binding lifetime. One formula for the agent's result and the grader's remedy, so that
 * a report never names two intervals.
 */
public final class KeepaliveAdvice {

    /** Advice never exceeds this, however long the mappings live. */
    public static final int CAP_SECONDS = 30;

    private KeepaliveAdvice() {
    }

    /**
     * 80 % of the longest idle time a mapping was confirmed alive after: RFC 5626 §4.4.1 has a UA
     * send its keep-alives at a random time between 80 % and 100 % of its interval, and sets that
     * interval for UDP (95 s) at about 80 % of the 2 minutes RFC 4787 REQ-5 lets a NAT forget a
     * mapping; the same margin covers the step between the lifetime test's trials. Never above
     * {@value #CAP_SECONDS} s: a lifetime is one flow's at one moment, NATs shorten it under load or
     * on a backup path, and a keep-alive every 30 s costs next to nothing; it is also the interval
     * phones commonly use for NAT keep-alives, and twice the 15 s default of RTP keep-alives
     * (RFC 6263 §7).
     *
     * @param aliveSeconds the confirmed-alive lower bound of the binding lifetime
     * @return 0 when no interval helps: nothing measured, or a mapping dead within 2 s
     */
    public static int seconds(int aliveSeconds) {
        return Math.min(CAP_SECONDS, Math.max(0, aliveSeconds) * 4 / 5);
    }
}
