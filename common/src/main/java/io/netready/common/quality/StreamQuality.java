package io.netready.common.quality;

import io.netready.common.media.VoiceCodec;
import io.netready.proto.StreamStats;

/** Rates one direction of a call with the E-model, from what was measured of it. */
public final class StreamQuality {

    private StreamQuality() {
    }

    /**
     * The stream with its R-factor and MOS filled in. A direction that carried nothing is left at
     * 0: there is no audio to rate (the grader reports it as one-way audio instead).
     *
     * @param rttMs the call's round trip; half of it is taken as the one-way network delay
     */
    public static StreamStats rate(StreamStats stats, VoiceCodec codec, double rttMs, int playoutDelayMs) {
        if (stats.getPacketsReceived() == 0) {
            return stats;
        }
        double loss = Math.min(100, stats.getEffectiveLossPercent());
        double r = EModel.rFactor(codec, EModel.mouthToEarDelayMs(codec, rttMs, playoutDelayMs), loss,
                EModel.burstR(stats.getLossPercent(), stats.getMeanBurstLoss()));
        return stats.toBuilder().setRFactor(r).setMos(EModel.mos(r)).build();
    }
}
