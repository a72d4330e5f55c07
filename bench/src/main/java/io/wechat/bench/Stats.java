package io.wechat.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/** A latency distribution in microseconds (thread-safe recording), summarized in milliseconds. */
final class Stats {
    private final Recorder recorder = new Recorder(TimeUnit.SECONDS.toMicros(120), 3);
    private Histogram total;

    void recordNanos(long nanos) {
        recorder.recordValue(Math.min(Math.max(1, nanos / 1000), TimeUnit.SECONDS.toMicros(120)));
    }

    synchronized Histogram histogram() {
        Histogram h = recorder.getIntervalHistogram();
        if (total == null) {
            total = h.copy();
        } else {
            total.add(h);
        }
        return total;
    }

    long count() {
        return histogram().getTotalCount();
    }

    double p(double percentile) {
        Histogram h = histogram();
        return h.getTotalCount() == 0 ? Double.NaN : h.getValueAtPercentile(percentile) / 1000.0;
    }

    double max() {
        Histogram h = histogram();
        return h.getTotalCount() == 0 ? Double.NaN : h.getMaxValue() / 1000.0;
    }

    double mean() {
        Histogram h = histogram();
        return h.getTotalCount() == 0 ? Double.NaN : h.getMean() / 1000.0;
    }

    /** {count, p50, p95, p99, max, mean} in ms, rounded to 0.01. */
    Map<String, Object> summary() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("count", count());
        m.put("p50", round(p(50)));
        m.put("p95", round(p(95)));
        m.put("p99", round(p(99)));
        m.put("max", round(max()));
        m.put("mean", round(mean()));
        return m;
    }

    static Double round(double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? null : Math.round(v * 100) / 100.0;
    }
}
