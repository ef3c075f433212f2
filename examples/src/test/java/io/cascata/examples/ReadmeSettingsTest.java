package io.cascata.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cascata.core.settings.DeclaredSettings;
import io.cascata.core.settings.SettingSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's option table and config section say what the settings declared by the modules on
 * this class path (core, Beam, HDFS) are: every option is in the table with its value's label
 * and its default, every option in the table exists, and every config-only key is documented.
 */
class ReadmeSettingsTest {

    /** Options of the command line itself, not settings. */
    private static final Set<String> COMMAND_LINE_OWN = Set.of("--param", "--config", "--deps-tree", "--explain", "--local-scheduler",
            "--help", "--anyBeamOption");

    private static final Pattern OPTION = Pattern.compile("--[A-Za-z][A-Za-z-]*");

    private final String readme = read();

    private static String read() {
        try {
            return Files.readString(Path.of("../README.md"));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The rows of the table under "## The command line", first cell and the rest. */
    private List<String[]> optionRows() {
        String section = readme.substring(readme.indexOf("## The command line"));
        section = section.substring(section.indexOf("| option | meaning |"));
        List<String[]> rows = new ArrayList<>();
        for (String line : section.lines().skip(2).toList()) {
            if (!line.startsWith("|")) {
                break;
            }
            String[] cells = line.split(" \\| ", 2);
            rows.add(new String[] {cells[0], cells[1]});
        }
        return rows;
    }

    @Test
    void everyDeclaredOptionHasARowWithItsLabelAndDefault() {
        List<String[]> rows = optionRows();
        for (SettingSpec s : DeclaredSettings.modules().commandLineSettings()) {
            String option = s.optionNames().get(0);
            String written = s.flag() ? "`" + option + "`" : "`" + option + " " + s.label() + "`";
            String[] row = rows.stream().filter(r -> r[0].contains(written)).findFirst()
                    .orElseThrow(() -> new AssertionError("no row for " + written + " in the README's option table"));
            s.defaultText().ifPresent(d -> assertTrue(row[1].contains("default " + d) || row[1].contains("default `" + d + "`"),
                    option + "'s row does not give its default " + d + ": " + row[1]));
            if (s.perFamily()) {
                assertTrue(row[0].contains("`--Family-" + s.option() + " " + s.label() + "`"), "per-family form of " + option);
            }
        }
    }

    @Test
    void everyOptionInTheTableExists() {
        DeclaredSettings declared = DeclaredSettings.modules();
        for (String[] row : optionRows()) {
            Matcher m = OPTION.matcher(row[0]);
            while (m.find()) {
                String option = m.group();
                boolean known = COMMAND_LINE_OWN.contains(option) || option.startsWith("--Family-")
                        || declared.commandLineSettings().stream().anyMatch(s -> s.optionNames().contains(option));
                assertTrue(known, option + " is in the README's table but is no option");
            }
        }
    }

    @Test
    void everyConfigOnlySettingIsDocumented() {
        String config = readme.substring(readme.indexOf("### Config"), readme.indexOf("### Events"));
        List<String> missing = new ArrayList<>();
        for (SettingSpec s : DeclaredSettings.modules().settings()) {
            if (!s.commandLine() && !config.contains("`" + s.key() + "`")) {
                missing.add("[" + s.section() + "] " + s.key());
            }
        }
        assertEquals(List.of(), missing, "config keys without an option that the README's Config section does not name");
    }
}
