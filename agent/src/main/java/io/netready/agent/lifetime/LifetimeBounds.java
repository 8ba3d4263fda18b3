package io.netready.agent.lifetime;

import io.netready.proto.LifetimeTrial;
import java.util.Collection;

/**
 * What the trials say: the longest idle time a mapping was confirmed alive after (lower) and the
 * shortest it was confirmed dead after (upper, 0 when none died), and the keep-alive to advise.
 */
public record LifetimeBounds(int lower, int upper) {

    /** Keep-alive advice never exceeds this, however long the mappings live (see {@link #keepaliveSeconds}). */
    static final int KEEPALIVE_CAP_SECONDS = 30;

    /**
     * The bounds of a set of trials. A mapping dead after fewer seconds than another survived
     * means the NAT's timer varies (or every answer to that trial was lost); such a trial does not
     * lower the upper bound, and {@link #contradictions} counts it.
     */
    public static LifetimeBounds of(Collection<LifetimeTrial> trials) {
        int lower = trials.stream().filter(LifetimeTrial::getAlive).mapToInt(LifetimeTrial::getIdleSeconds).max()
                .orElse(0);
        int upper = trials.stream().filter(t -> !t.getAlive() && t.getIdleSeconds() > lower)
                .mapToInt(LifetimeTrial::getIdleSeconds).min().orElse(0);
        return new LifetimeBounds(lower, upper);
    }

    /** Trials that died after an idle time another trial survived. */
    public static long contradictions(Collection<LifetimeTrial> trials) {
        int lower = of(trials).lower();
        return trials.stream().filter(t -> !t.getAlive() && t.getIdleSeconds() <= lower).count();
    }

    /**
     * The keep-alive interval to configure on phones and SBCs for SIP and RTP over UDP.
     *
     * <p>80 % of the confirmed-alive bound: RFC 5626 §4.4.1 has a UA send its keep-alives at a
     * random time between 80 % and 100 % of its interval, and sets that interval for UDP (95 s) at
     * about 80 % of the 2 minutes RFC 4787 REQ-5 lets a NAT forget a mapping; the same margin covers
     * the step between our trials. Never above {@value #KEEPALIVE_CAP_SECONDS} s: a lifetime is one
     * flow's at one moment, and NATs shorten it under load or on a backup path, while a 30 s
     * keep-alive costs next to nothing; it is also the interval phones commonly use for NAT
     * keep-alives, and twice the 15 s default of RTP keep-alives (RFC 6263 §7).
     *
     * @return 0 when no interval helps: nothing measured, or even the shortest idle time killed
     *         the mapping
     */
    public int keepaliveSeconds() {
        return Math.min(KEEPALIVE_CAP_SECONDS, lower * 4 / 5);
    }
}
