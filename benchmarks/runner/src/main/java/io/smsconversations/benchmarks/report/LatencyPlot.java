package io.smsconversations.benchmarks.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

import io.smsconversations.benchmarks.endtoend.RateResult;

/** The end-to-end latency percentiles against the offered rate, as a PNG, from this run's own figures (XChart). */
public final class LatencyPlot {

    private LatencyPlot() {
    }

    public static void write(List<RateResult> runs, double targetMillis, Path png) {
        XYChart chart = new XYChartBuilder().width(900).height(540)
                .title("Webhook POST -> owner's SSE notification")
                .xAxisTitle("offered rate (msg/s)").yAxisTitle("latency (ms, log scale)").build();
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideE);
        List<Integer> rates = runs.stream().map(RateResult::targetRate).toList();
        chart.addSeries("p50", rates, runs.stream().map(r -> Math.max(1, r.p50())).toList());
        chart.addSeries("p95", rates, runs.stream().map(r -> Math.max(1, r.p95())).toList());
        chart.addSeries("p99", rates, runs.stream().map(r -> Math.max(1, r.p99())).toList());
        chart.addSeries("max", rates, runs.stream().map(r -> Math.max(1, r.max())).toList());
        chart.addSeries("target p99 at 200 msg/s", rates, rates.stream().map(r -> targetMillis).toList())
                .setMarker(SeriesMarkers.NONE);
        try {
            BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
