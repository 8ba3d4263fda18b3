package io.netready.common.quality;

import io.netready.common.media.VoiceCodec;

/**
 * The ITU-T G.107 (06/2015) E-model, reduced to what a network probe can measure.
 *
 * <p>R = Ro − Is − Id − Ie,eff + A (§7.1). Every parameter stays at its G.107 Table 1 default
 * (handset loudness ratings, room noise, sidetone, echo loss TELR 65 dB, no quantising
 * distortion, advantage factor A = 0) except those the network decides:
 * <ul>
 *   <li>the mean one-way delay Ta, with the talker-echo path T = Ta and the listener-echo round
 *       trip Tr = 2·Ta — the usual assumption when the echo is reflected at the far end;</li>
 *   <li>the packet-loss probability Ppl and its burstiness BurstR;</li>
 *   <li>the codec's equipment impairment Ie and loss robustness Bpl ({@link VoiceCodec}).</li>
 * </ul>
 * With every default, R is 93.2 (MOS 4.41): the best a narrowband call can score.
 */
public final class EModel {

    // G.107 Table 1 defaults.
    private static final double SLR = 8;       // send loudness rating, dB
    private static final double RLR = 2;       // receive loudness rating, dB
    private static final double STMR = 15;     // sidetone masking rating, dB
    private static final double LSTR = 18;     // listener sidetone rating, dB
    private static final double DS = 3;        // D-value of telephone, send side
    private static final double TELR = 65;     // talker echo loudness rating, dB
    private static final double WEPL = 110;    // weighted echo path loss, dB
    private static final double QDU = 1;       // quantising distortion units
    private static final double NC = -70;      // circuit noise, dBm0p
    private static final double NFOR = -64;    // noise floor at the receive side, dBmp
    private static final double PS = 35;       // room noise at the send side, dB(A)
    private static final double PR = 35;       // room noise at the receive side, dB(A)
    private static final double A = 0;         // advantage factor: wired phone, no allowance
    private static final double S_T = 1;       // Idd sharpness, §7.4 (2015)
    private static final double M_T = 100;     // Idd threshold delay in ms, §7.4 (2015)

    // Quantities that only depend on the defaults above (§7.2, §7.3).
    private static final double OLR = SLR + RLR;
    private static final double NO = totalNoise();
    private static final double RO = 15 - 1.5 * (SLR + NO);
    private static final double IOLR = loudnessImpairment();
    private static final double IQ = quantisingImpairment();

    /** Packetisation: a 20 ms frame is complete before it can be sent (all codec profiles). */
    private static final double PACKETISATION_MS = VoiceCodec.PACKET_INTERVAL_MS;

    private static final double UNBOUNDED = Double.POSITIVE_INFINITY;

    private EModel() {
    }

    /**
     * The transmission rating factor R for one call direction.
     *
     * @param codec          supplies Ie and Bpl (G.113 Appendix I values)
     * @param oneWayDelayMs  mean mouth-to-ear delay Ta in ms, e.g. from {@link #mouthToEarDelayMs}
     * @param lossPercent    packet-loss probability Ppl in percent (0–100)
     * @param burstR         burst ratio, 1 for random loss, from {@link #burstR}
     * @return R, about 0–93.2; below 0 only for extreme delay and loss
     */
    public static double rFactor(VoiceCodec codec, double oneWayDelayMs, double lossPercent, double burstR) {
        require("oneWayDelayMs", oneWayDelayMs, 0, UNBOUNDED);
        require("lossPercent", lossPercent, 0, 100);
        require("burstR", burstR, 1, UNBOUNDED);
        return RO - simultaneousImpairment(oneWayDelayMs) - delayImpairment(oneWayDelayMs)
                - effectiveEquipmentImpairment(codec.ie(), codec.bpl(), lossPercent, burstR) + A;
    }

    /**
     * Estimated MOS (conversational quality) from R, G.107 Annex B: 1 for R &lt; 0, 4.5 for
     * R &gt; 100, else 1 + 0.035·R + R·(R − 60)·(100 − R)·7·10⁻⁶. The cubic dips to 0.994 for
     * R below about 6.5; the result is held at 1, the floor of the MOS scale.
     */
    public static double mos(double r) {
        if (r < 0) {
            return 1;
        }
        if (r > 100) {
            return 4.5;
        }
        return Math.max(1, 1 + 0.035 * r + r * (r - 60) * (100 - r) * 7e-6);
    }

    /**
     * Mouth-to-ear delay Ta of a call over the measured path: half the round-trip time (the
     * network's one-way delay, assuming a symmetric path), plus one packet interval of
     * packetisation (20 ms), the codec's look-ahead, and the receiver's playout (jitter-buffer)
     * delay. Phone-internal processing beyond these is not known and not included.
     */
    public static double mouthToEarDelayMs(VoiceCodec codec, double rttMs, double playoutDelayMs) {
        require("rttMs", rttMs, 0, UNBOUNDED);
        require("playoutDelayMs", playoutDelayMs, 0, UNBOUNDED);
        return rttMs / 2 + PACKETISATION_MS + codec.algorithmicDelayMs() + playoutDelayMs;
    }

    /**
     * BurstR from a measured loss and mean burst length (G.107 §7.6, which defines BurstR on a
     * two-state Markov loss model). With p = P(received → lost) and q = P(lost → received),
     * BurstR = 1/(p + q). In that model the loss probability is π = p/(p + q) and a burst lasts
     * 1/q packets on average, so BurstR = (1 − π)/q = meanBurstLength · (1 − lossPercent/100).
     *
     * <p>Random loss has a mean burst of 1/(1 − π), i.e. BurstR 1. A shorter measured mean (only
     * isolated losses) would give BurstR &lt; 1, crediting the path with loss "better than
     * random"; at the packet counts of a probe that is noise, so the result is at least 1.
     */
    public static double burstR(double lossPercent, double meanBurstLength) {
        require("lossPercent", lossPercent, 0, 100);
        require("meanBurstLength", meanBurstLength, 0, UNBOUNDED);
        return Math.max(1, meanBurstLength * (1 - lossPercent / 100));
    }

    /** Ie,eff = Ie + (95 − Ie) · Ppl / (Ppl/BurstR + Bpl), G.107 §7.6. */
    private static double effectiveEquipmentImpairment(double ie, double bpl, double ppl, double burstR) {
        return ie + (95 - ie) * ppl / (ppl / burstR + bpl);
    }

    /** Is = Iolr + Ist + Iq, G.107 §7.3; only Ist depends on the delay (through STMRo). */
    private static double simultaneousImpairment(double t) {
        double stmro = -10 * Math.log10(Math.pow(10, -STMR / 10) + Math.exp(-t / 4) * Math.pow(10, -TELR / 10));
        double ist = 12 * Math.pow(1 + Math.pow((stmro - 13) / 6, 8), 1.0 / 8)
                - 28 * Math.pow(1 + Math.pow((stmro + 1) / 19.4, 35), 1.0 / 35)
                - 13 * Math.pow(1 + Math.pow((stmro - 3) / 33, 13), 1.0 / 13)
                + 29;
        return IOLR + ist + IQ;
    }

    /** Id = Idte + Idle + Idd, G.107 §7.4, with T = Ta and Tr = 2·Ta. */
    private static double delayImpairment(double ta) {
        return talkerEcho(ta) + listenerEcho(2 * ta) + absoluteDelay(ta);
    }

    /**
     * Idte, talker echo. STMR (15) ≥ 9, so G.107's TERVs substitution for low sidetone does not
     * apply. The factor (1 − e^−T) makes the echo vanish at zero delay.
     */
    private static double talkerEcho(double t) {
        double terv = TELR - 40 * Math.log10((1 + t / 10) / (1 + t / 150)) + 6 * Math.exp(-0.3 * t * t);
        double roe = -1.5 * (NO - RLR);
        double re = 80 + 2.5 * (terv - 14);
        double half = (roe - re) / 2;
        return (half + Math.sqrt(half * half + 100) - 1) * (1 - Math.exp(-t));
    }

    /** Idle, listener echo over the round trip Tr. */
    private static double listenerEcho(double tr) {
        double rle = 10.5 * (WEPL + 7) * Math.pow(tr + 1, -0.25);
        double half = (RO - rle) / 2;
        return half + Math.sqrt(half * half + 169);
    }

    /**
     * Idd, impairment of pure delay (2015 edition with sT and mT): 0 up to mT = 100 ms, else
     * 25·{(1 + X^(6sT))^(1/(6sT)) − 3·(1 + (X/3)^(6sT))^(1/(6sT)) + 2} with
     * X = log10(Ta/mT)/log10(2).
     */
    private static double absoluteDelay(double ta) {
        if (ta <= M_T) {
            return 0;
        }
        double x = Math.log10(ta / M_T) / Math.log10(2);
        double k = 6 * S_T;
        return 25 * (Math.pow(1 + Math.pow(x, k), 1 / k) - 3 * Math.pow(1 + Math.pow(x / 3, k), 1 / k) + 2);
    }

    /** No, the power sum of circuit noise, room noise at both ends and the noise floor (§7.2). */
    private static double totalNoise() {
        double nos = PS - SLR - DS - 100 + 0.004 * Math.pow(PS - OLR - DS - 14, 2);
        double pre = PR + 10 * Math.log10(1 + Math.pow(10, (10 - LSTR) / 10));
        double nor = RLR - 121 + pre + 0.008 * Math.pow(pre - 35, 2);
        double nfo = NFOR + RLR;
        return 10 * Math.log10(Math.pow(10, NC / 10) + Math.pow(10, nos / 10)
                + Math.pow(10, nor / 10) + Math.pow(10, nfo / 10));
    }

    /** Iolr, too-low overall loudness (§7.3). */
    private static double loudnessImpairment() {
        double xolr = OLR + 0.2 * (64 + NO - RLR);
        return 20 * (Math.pow(1 + Math.pow(xolr / 8, 8), 1.0 / 8) - xolr / 8);
    }

    /** Iq, quantising distortion (§7.3). */
    private static double quantisingImpairment() {
        double q = 37 - 15 * Math.log10(QDU);
        double g = 1.07 + 0.258 * q + 0.0602 * q * q;
        double y = (RO - 100) / 15 + 46 / 8.4 - g / 9;
        double z = 46 / 30.0 - g / 40;
        return 15 * Math.log10(1 + Math.pow(10, y) + Math.pow(10, z));
    }

    /** Rejects NaN, infinities and out-of-range inputs, naming the parameter. */
    private static void require(String name, double value, double min, double max) {
        if (!(Double.isFinite(value) && value >= min && value <= max)) {
            String range = max == UNBOUNDED ? "at least " + min : "between " + min + " and " + max;
            throw new IllegalArgumentException(name + " must be " + range + ", got " + value);
        }
    }
}
