package io.smsconversations.benchmarks.machine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The machine the figures were taken on: cores, memory, and the 1-minute load average sampled every 2 s for the
 * whole run (the machine is shared with other engineers' builds: the load says how much of it the run had).
 */
public final class MachineLoad implements AutoCloseable {

    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "load-average-sampler");
        thread.setDaemon(true);
        return thread;
    });
    private final List<Double> samples = new CopyOnWriteArrayList<>();
    private volatile int mark;

    public MachineLoad() {
        sampler.scheduleAtFixedRate(() -> samples.add(loadAverage()), 0, 2, TimeUnit.SECONDS);
    }

    public static int cores() {
        return Runtime.getRuntime().availableProcessors();
    }

    public static String memory() {
        return readFirst("/proc/meminfo", "MemTotal:");
    }

    public static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** Starts a new window for {@link #meanSinceMark}. */
    public void mark() {
        mark = samples.size();
    }

    public double meanSinceMark() {
        List<Double> window = samples.subList(Math.min(mark, samples.size()), samples.size());
        return window.stream().mapToDouble(Double::doubleValue).average().orElse(loadAverage());
    }

    public double min() {
        return samples.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    public double max() {
        return samples.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }

    public double mean() {
        return samples.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    private static String readFirst(String file, String prefix) {
        try {
            return Files.readAllLines(Path.of(file)).stream().filter(line -> line.startsWith(prefix))
                    .map(line -> line.substring(prefix.length()).trim()).findFirst().orElse("unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    @Override
    public void close() {
        sampler.shutdownNow();
    }
}
