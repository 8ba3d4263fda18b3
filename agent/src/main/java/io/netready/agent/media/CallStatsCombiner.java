package io.netready.agent.media;

import io.netready.proto.StreamStats;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * One direction of N concurrent calls as one figure: counts are summed and rates recomputed from
 * the sums; quality figures are the worst call's, because "can this site carry N calls" is only
 * answered yes if every call was good.
 */
final class CallStatsCombiner {

    private CallStatsCombiner() {
    }

    static StreamStats combine(List<StreamStats> calls) {
        if (calls.size() == 1) {
            return calls.get(0);
        }
        long sent = calls.stream().mapToLong(StreamStats::getPacketsSent).sum();
        long received = calls.stream().mapToLong(StreamStats::getPacketsReceived).sum();
        List<StreamStats> heard = calls.stream().filter(s -> s.getPacketsReceived() > 0).toList();
        return StreamStats.newBuilder()
                .setPacketsSent(sent)
                .setPacketsReceived(received)
                .setDuplicates(calls.stream().mapToLong(StreamStats::getDuplicates).sum())
                .setLossPercent(weighted(calls, StreamStats::getLossPercent, sent))
                .setDiscardPercent(weighted(calls, StreamStats::getDiscardPercent, sent))
                .setEffectiveLossPercent(weighted(calls, StreamStats::getEffectiveLossPercent, sent))
                .setReorderPercent(weighted(calls, StreamStats::getReorderPercent, sent))
                .setJitterMs(max(calls, StreamStats::getJitterMs))
                .setJitterMaxMs(max(calls, StreamStats::getJitterMaxMs))
                .setPdvP50Ms(max(calls, StreamStats::getPdvP50Ms))
                .setPdvP95Ms(max(calls, StreamStats::getPdvP95Ms))
                .setPdvP99Ms(max(calls, StreamStats::getPdvP99Ms))
                .setMaxBurstLoss((int) max(calls, StreamStats::getMaxBurstLoss))
                .setMeanBurstLoss(max(calls, StreamStats::getMeanBurstLoss))
                .setBurstDensityPercent(max(calls, StreamStats::getBurstDensityPercent))
                .setGapDensityPercent(max(calls, StreamStats::getGapDensityPercent))
                // Worst call that carried audio; a silent call is the grader's one-way-audio case.
                .setRFactor(heard.stream().mapToDouble(StreamStats::getRFactor).min().orElse(0))
                .setMos(heard.stream().mapToDouble(StreamStats::getMos).min().orElse(0))
                .build();
    }

    /** A per-call percentage weighted by packets sent, i.e. the percentage of the sums. */
    private static double weighted(List<StreamStats> calls, ToDoubleFunction<StreamStats> percent, long sent) {
        if (sent == 0) {
            return 0;
        }
        double sum = 0;
        for (StreamStats s : calls) {
            sum += percent.applyAsDouble(s) * s.getPacketsSent();
        }
        return sum / sent;
    }

    private static double max(List<StreamStats> calls, ToDoubleFunction<StreamStats> metric) {
        return calls.stream().mapToDouble(metric).max().orElse(0);
    }
}
