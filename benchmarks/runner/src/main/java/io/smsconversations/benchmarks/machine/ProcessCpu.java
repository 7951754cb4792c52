package io.smsconversations.benchmarks.machine;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * CPU time used by each of the suite's processes (user + system, from the kernel through {@link ProcessHandle}),
 * so that a run can say how many milliseconds of CPU each service spent per message: on a machine whose cores the
 * suite saturates, that cost, not a wait, is what caps the rate. PostgreSQL is the sum of all its processes (the
 * services' pooled backends live through a run); the broker runs inside the benchmark's own JVM and is not split out.
 */
public final class ProcessCpu {

    private final Map<String, LongSupplier> processes = new LinkedHashMap<>();

    /** Adds a process by pid; a process that has gone reads as 0. */
    public ProcessCpu process(String name, long pid) {
        processes.put(name, () -> ProcessHandle.of(pid).map(ProcessCpu::cpuNanos).orElse(0L));
        return this;
    }

    /** Adds every process whose command ends with {@code command} (e.g. {@code postgres}), summed. */
    public ProcessCpu processesNamed(String name, String command) {
        processes.put(name, () -> ProcessHandle.allProcesses()
                .filter(p -> p.info().command().map(c -> c.endsWith("/" + command)).orElse(false))
                .mapToLong(ProcessCpu::cpuNanos).sum());
        return this;
    }

    /** CPU nanoseconds of each process so far, in the order added. */
    public Map<String, Long> sample() {
        Map<String, Long> now = new LinkedHashMap<>();
        processes.forEach((name, cpu) -> now.put(name, cpu.getAsLong()));
        return now;
    }

    /** Milliseconds of CPU per unit of work between two samples (0 work: the whole difference). */
    public static Map<String, Double> millisPer(Map<String, Long> before, Map<String, Long> after, long work) {
        Map<String, Double> per = new LinkedHashMap<>();
        after.forEach((name, nanos) -> per.put(name,
                (nanos - before.getOrDefault(name, 0L)) / 1e6 / Math.max(1, work)));
        return per;
    }

    private static long cpuNanos(ProcessHandle process) {
        return process.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
    }
}
