package io.netready.common.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netready.common.media.VoiceCodec;
import org.junit.jupiter.api.Test;

/**
 * Reference values worked out from the G.107 (06/2015) formulas outside this code (a separate
 * Python transcription of §7, checked by hand where noted). With every Table 1 default:
 * No = −61.18 dBm0p, Ro = 15 − 1.5·(8 + No) = 94.77, Is = Iolr 0.440 + Ist −0.001 + Iq 0.974
 * = 1.414, and at Ta = 0: Idte = 0 (factor 1 − e^0), Idle = 0.149 (Tr = 0), Idd = 0.
 */
class EModelTest {

    private static final double R_DEFAULT = 94.7688 - 1.4136 - 0.1490; // 93.2062

    @Test
    void defaultsGiveTheWellKnownR932AndMos441() {
        // G.711 at Ie 0 without loss is the all-defaults case.
        double r = EModel.rFactor(VoiceCodec.G711, 0, 0, 1);
        assertEquals(93.2, r, 0.1);
        assertEquals(R_DEFAULT, r, 1e-3);
        // 1 + 0.035·93.2062 + 93.2062·33.2062·6.7938·7e-6 = 1 + 3.26222 + 0.14718 = 4.4094
        assertEquals(4.41, EModel.mos(r), 0.005);
    }

    @Test
    void g729aWithoutLossLosesItsIe() {
        // Ie,eff = Ie = 11 at Ppl 0: 93.2062 − 11 = 82.2062; MOS 4.1046.
        double r = EModel.rFactor(VoiceCodec.G729, 0, 0, 1);
        assertEquals(82.2, r, 0.05);
        assertEquals(4.105, EModel.mos(r), 0.001);
    }

    @Test
    void g711AtTwoPercentRandomLoss() {
        // Ie,eff = 0 + 95·2/(2/1 + 25.1) = 190/27.1 = 7.0111; R = 93.2062 − 7.0111 = 86.1951.
        assertEquals(86.195, EModel.rFactor(VoiceCodec.G711, 0, 2, 1), 0.001);
        // Bursty (BurstR 2): 95·2/(1 + 25.1) = 7.2797; R = 85.9265 — bursts hurt more.
        assertEquals(85.927, EModel.rFactor(VoiceCodec.G711, 0, 2, 2), 0.001);
    }

    @Test
    void delayOf200MsBringsInTheAbsoluteDelayTerm() {
        // Ta 200: X = log10(200/100)/log10 2 = 1, so by hand
        // Idd = 25·(2^(1/6) − 3·(1 + 3^−6)^(1/6) + 2) = 25·(1.122462 − 3.000686 + 2) = 3.0444.
        // With T = 200: Idte = 3.5708 (TERV 65 − 40·log10(21/2.333) = 26.83); Tr = 400: Idle = 0.9353.
        // R = 94.7688 − 1.4136 − (3.5708 + 0.9353 + 3.0444) = 85.8047.
        assertEquals(85.805, EModel.rFactor(VoiceCodec.G711, 200, 0, 1), 0.001);
        // Ta 400 (X = 2): Idd = 24.07, Idte 5.81, Idle 1.23 → R = 62.25.
        assertEquals(62.247, EModel.rFactor(VoiceCodec.G711, 400, 0, 1), 0.001);
    }

    @Test
    void rFallsAsLossOrDelayGrows() {
        double previous = Double.MAX_VALUE;
        for (double loss = 0; loss <= 20; loss += 0.5) {
            double r = EModel.rFactor(VoiceCodec.G711, 50, loss, 1);
            assertTrue(r < previous, "R must fall with loss at " + loss + " %");
            previous = r;
        }
        previous = Double.MAX_VALUE;
        for (double delay = 0; delay <= 600; delay += 10) {
            double r = EModel.rFactor(VoiceCodec.G729, delay, 1, 1);
            assertTrue(r < previous, "R must fall with delay at " + delay + " ms");
            previous = r;
        }
    }

    @Test
    void mosIsBoundedAndMonotonic() {
        assertEquals(1, EModel.mos(-5));
        assertEquals(1, EModel.mos(0));
        assertEquals(4.5, EModel.mos(100), 1e-9);
        assertEquals(4.5, EModel.mos(120));
        // The Annex B cubic gives 0.9941 at R = 1; MOS never leaves its 1–4.5 range.
        assertEquals(1, EModel.mos(1));
        double previous = 1;
        for (double r = 0; r <= 100; r += 0.5) {
            double mos = EModel.mos(r);
            assertTrue(mos >= previous && mos <= 4.5, "MOS(" + r + ") = " + mos);
            previous = mos;
        }
        assertTrue(EModel.mos(50) > EModel.mos(10));
    }

    @Test
    void mouthToEarDelayAddsPacketisationLookAheadAndPlayout() {
        // G.729: 80/2 network + 20 packetisation + 5 look-ahead + 60 playout = 125 ms.
        assertEquals(125, EModel.mouthToEarDelayMs(VoiceCodec.G729, 80, 60), 1e-9);
    }

    @Test
    void burstRFollowsTheMarkovModel() {
        // 2 % loss in bursts of 3 on average: q = 1/3, BurstR = 3·(1 − 0.02) = 2.94.
        assertEquals(2.94, EModel.burstR(2, 3), 1e-9);
        // Only isolated losses (mean burst 1) is what random loss looks like: BurstR 1, not 0.98.
        assertEquals(1, EModel.burstR(2, 1), 1e-9);
        assertEquals(1, EModel.burstR(0, 0), 1e-9);
    }

    @Test
    void rejectsInputsOutsideTheModel() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EModel.rFactor(VoiceCodec.G711, 0, 120, 1));
        assertTrue(e.getMessage().contains("lossPercent"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> EModel.rFactor(VoiceCodec.G711, Double.NaN, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> EModel.rFactor(VoiceCodec.G711, 0, 1, 0.5));
    }
}
