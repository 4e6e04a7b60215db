package io.sbc.signaling.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The systemd units in ops/systemd say what the service needs, in a form systemd reads as meant. */
class SystemdUnitsTest {
    /** The repository's ops/systemd directory (tests run with the module as working directory). */
    private static final Path UNITS = Path.of("..", "ops", "systemd");

    private static List<Path> units() throws IOException {
        try (Stream<Path> s = Files.list(UNITS)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".service")).sorted().toList();
        }
    }

    private static List<String> directives(Path unit, String key) throws IOException {
        List<String> values = new ArrayList<>();
        for (String line : Files.readAllLines(unit)) {
            if (line.startsWith(key + "=")) {
                values.add(line.substring(key.length() + 1));
            }
        }
        return values;
    }

    @Test
    void environmentValuesWithSpacesAreQuotedAsAWhole() throws IOException {
        // systemd splits Environment= on spaces: SBC_JAVA_OPTS=-Xms2g -Xmx2g unquoted sets -Xms2g only
        // and ignores the rest as invalid assignments.
        List<Path> units = units();
        assertFalse(units.isEmpty(), "no units under " + UNITS.toAbsolutePath());
        for (Path unit : units) {
            for (String value : directives(unit, "Environment")) {
                boolean quoted = value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"");
                assertTrue(quoted || !value.contains(" "), unit.getFileName() + ": Environment=" + value);
            }
        }
    }

    @Test
    void theSbcUnitAllowsTheEdgeItsRealTimePriorityAndNoHigher() throws IOException {
        Path unit = UNITS.resolve("sbc.service");
        assertEquals(List.of("1"), directives(unit, "LimitRTPRIO"));
        assertEquals(List.of("no"), directives(unit, "RestrictRealtime"));
    }
}
