package io.netready.agent.lifetime;

import io.netready.common.grade.KeepaliveAdvice;
import io.netready.proto.LifetimeTrial;
import java.util.Collection;

/**
 * What the trials say: the longest idle time a mapping was confirmed alive after (lower) and the
 * shortest it was confirmed dead after (upper, 0 when none died), and the keep-alive to advise.
 */
public record LifetimeBounds(int lower, int upper) {

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

    /** The keep-alive interval to advise for SIP and RTP over UDP; 0 when none helps. */
    public int keepaliveSeconds() {
        return KeepaliveAdvice.seconds(lower);
    }
}
