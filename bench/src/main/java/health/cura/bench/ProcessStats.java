package health.cura.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** CPU time and resident memory of the server and of PostgreSQL, read from Linux's /proc. */
public final class ProcessStats {

    private static final double TICKS_PER_SECOND = 100.0;

    private final long serverPid;
    private final String databaseMarker;

    /**
     * @param serverPid the server JVM, or 0 when the server is not on this machine
     * @param databaseMarker a string in the command line of every PostgreSQL process of the server (its data directory)
     */
    public ProcessStats(long serverPid, String databaseMarker) {
        this.serverPid = serverPid;
        this.databaseMarker = databaseMarker;
    }

    public double serverCpuSeconds() {
        return serverPid == 0 ? 0 : cpuSeconds(serverPid, false);
    }

    /**
     * The postmaster's time, with that of the backends it has reaped, plus the time of its live backends: the yardstick
     * closes its connections after each level, and a sum over live processes alone went down when their backends ended.
     */
    public double databaseCpuSeconds() {
        if (databaseMarker == null || databaseMarker.isBlank()) {
            return 0;
        }
        List<Long> postmasters = postmasters();
        double reaped = postmasters.stream().mapToDouble(pid -> cpuSeconds(pid, true)).sum();
        double live = childrenOf(postmasters).stream().mapToDouble(pid -> cpuSeconds(pid, false)).sum();
        return reaped + live;
    }

    public long serverRssMb() {
        if (serverPid == 0) {
            return 0;
        }
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(serverPid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
                }
            }
        } catch (IOException e) {
            return 0;
        }
        return 0;
    }

    /** The postmaster: its command line names the data directory. */
    private List<Long> postmasters() {
        return allPids().stream()
                .filter(pid -> pid != serverPid)
                .filter(pid -> {
                    String command = commandLine(pid);
                    return command.contains("postgres") && command.contains(databaseMarker);
                })
                .toList();
    }

    private List<Long> childrenOf(List<Long> parents) {
        return allPids().stream().filter(pid -> parents.contains(parent(pid))).toList();
    }

    private static List<Long> allPids() {
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            return processes
                    .map(p -> p.getFileName().toString())
                    .filter(name -> name.chars().allMatch(Character::isDigit))
                    .map(Long::parseLong)
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static String commandLine(long pid) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"))).replace('\0', ' ');
        } catch (IOException e) {
            return "";
        }
    }

    private static long parent(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[1]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** utime + stime of one process, and with {@code reapedChildren} cutime + cstime, its ended children's. */
    private static double cpuSeconds(long pid, boolean reapedChildren) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            if (reapedChildren) {
                ticks += Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
            }
            return ticks / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
