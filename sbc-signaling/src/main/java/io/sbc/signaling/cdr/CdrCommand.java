package io.sbc.signaling.cdr;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * {@code sbc cdr [--queue DIR] [--format csv|json] [--since TIME] [--until TIME]}: exports the CDR
 * journal. TIME is an ISO-8601 instant ({@code 2026-11-21T08:00:00Z}), a UTC date-time or date
 * ({@code 2026-11-21}), or an age ({@code 90m}, {@code 24h}, {@code 7d}: that long before now).
 * Records are selected by start time; since is inclusive, until exclusive.
 */
public final class CdrCommand {
    private CdrCommand() {}

    public static int run(String[] args, PrintStream out, PrintStream err) {
        Path queue = Path.of("var/cdr");
        String format = "csv";
        long since = Long.MIN_VALUE;
        long until = Long.MAX_VALUE;
        try {
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                if (i + 1 >= args.length) {
                    return usage(err, "missing value after " + a);
                }
                String v = args[++i];
                switch (a) {
                    case "--queue" -> queue = Path.of(v);
                    case "--format" -> format = v.toLowerCase(Locale.ROOT);
                    case "--since" -> since = parseTime(v, Instant.now());
                    case "--until" -> until = parseTime(v, Instant.now());
                    default -> {
                        return usage(err, "unknown option " + a);
                    }
                }
            }
        } catch (IllegalArgumentException e) {
            return usage(err, e.getMessage());
        }
        if (!format.equals("csv") && !format.equals("json")) {
            return usage(err, "--format is csv or json");
        }
        boolean csv = format.equals("csv");
        if (csv) {
            out.println(CdrFormat.csvHeader());
        }
        try {
            CdrReader.read(queue, since, until, r -> out.println(csv ? CdrFormat.csv(r) : CdrFormat.json(r)));
        } catch (RuntimeException e) {
            err.println("sbc cdr: cannot read the journal in " + queue + ": " + e.getMessage());
            return 1;
        }
        out.flush();
        return 0;
    }

    private static int usage(PrintStream err, String problem) {
        err.println("sbc cdr: " + problem);
        err.println("usage: sbc cdr [--queue DIR] [--format csv|json] [--since TIME] [--until TIME]");
        return 2;
    }

    static long parseTime(String s, Instant now) {
        try {
            char last = s.isEmpty() ? ' ' : s.charAt(s.length() - 1);
            if (s.length() > 1 && Character.isDigit(s.charAt(0)) && s.indexOf('-') < 0 && "smhd".indexOf(last) >= 0) {
                long n = Long.parseLong(s.substring(0, s.length() - 1));
                Duration d = switch (last) {
                    case 's' -> Duration.ofSeconds(n);
                    case 'm' -> Duration.ofMinutes(n);
                    case 'h' -> Duration.ofHours(n);
                    default -> Duration.ofDays(n);
                };
                return now.minus(d).toEpochMilli();
            }
            if (s.endsWith("Z") || s.contains("+")) {
                return Instant.parse(s).toEpochMilli();
            }
            if (s.length() == 10) {
                return LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
            }
            return LocalDateTime.parse(s).toInstant(ZoneOffset.UTC).toEpochMilli();
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new IllegalArgumentException("not a time: '" + s + "' (ISO-8601 instant, date, or an age like 24h)");
        }
    }
}
