package dev.skein.benchmarks.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * CPU time of a process tree from Linux's {@code /proc/<pid>/stat}: user plus system time of each
 * live process, so that a run can say how much of it the server's JVM used and how much its
 * child processes (skein-local's Kinesis emulator is a {@code node} process).
 */
final class ProcessCpu {
    /** USER_HZ: the unit of the stat file's times; 100 on every Linux ABI Skein builds on. */
    static final double TICKS_PER_SECOND = 100;

    /** One process's name (the stat file's comm) and CPU seconds so far. */
    record Usage(String command, double seconds) {}

    private ProcessCpu() {}

    /** The root and each live descendant, by pid; empty where /proc is not there. */
    static Map<Long, Usage> tree(ProcessHandle root) {
        Map<Long, Usage> out = new LinkedHashMap<>();
        try (Stream<ProcessHandle> all = Stream.concat(Stream.of(root), root.descendants())) {
            all.forEach(p -> read(p.pid()).ifPresent(u -> out.put(p.pid(), u)));
        }
        return out;
    }

    static Optional<Usage> read(long pid) {
        try {
            return Optional.of(parseStat(Files.readString(Path.of("/proc", Long.toString(pid), "stat"))));
        } catch (IOException goneOrNoProc) {
            return Optional.empty();
        }
    }

    /**
     * A stat line: {@code pid (comm) state ppid ...} where utime and stime are the 14th and 15th
     * fields. The command may hold spaces and parentheses, so fields are counted after the last ')'.
     */
    static Usage parseStat(String line) {
        int open = line.indexOf('(');
        int close = line.lastIndexOf(')');
        if (open < 0 || close < open) throw new IllegalArgumentException("not a /proc stat line: " + line);
        String[] rest = line.substring(close + 2).trim().split(" ");
        // rest[0] is field 3 (state): utime is field 14, stime field 15.
        long ticks = Long.parseLong(rest[14 - 3]) + Long.parseLong(rest[15 - 3]);
        return new Usage(line.substring(open + 1, close), ticks / TICKS_PER_SECOND);
    }

    /**
     * CPU seconds the whole machine has been busy (user, nice, system, irq, softirq, steal), from
     * /proc/stat's first line; 0 where it is not there. Other programs count too: that is the point.
     */
    static double machineBusySeconds() {
        try {
            return parseMachineStat(Files.readAllLines(Path.of("/proc/stat")).get(0));
        } catch (IOException e) {
            return 0;
        }
    }

    /** {@code cpu user nice system idle iowait irq softirq steal ...}: the busy ones. */
    static double parseMachineStat(String cpuLine) {
        String[] f = cpuLine.trim().split("\\s+");
        if (!f[0].equals("cpu")) throw new IllegalArgumentException("not /proc/stat's cpu line: " + cpuLine);
        long busy = 0;
        for (int i : new int[] {1, 2, 3, 6, 7, 8}) busy += Long.parseLong(f[i]);
        return busy / TICKS_PER_SECOND;
    }

    /** CPU seconds each process used between two snapshots; a process absent before started from 0. */
    static Map<Long, Usage> between(Map<Long, Usage> before, Map<Long, Usage> after) {
        Map<Long, Usage> out = new LinkedHashMap<>();
        after.forEach((pid, u) -> {
            Usage b = before.get(pid);
            out.put(pid, new Usage(u.command(), u.seconds() - (b == null ? 0 : b.seconds())));
        });
        return out;
    }
}
