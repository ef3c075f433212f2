import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The word count as a plain single-threaded Java loop, the yardstick for the Beam runs: the same
 * words (maximal runs of letters, lower-cased) and the same output lines. Usage: java
 * bench/PlainWordCount.java INPUT OUTPUT
 */
public class PlainWordCount {

    public static void main(String[] args) throws Exception {
        Pattern word = Pattern.compile("\\p{L}+");
        Map<String, long[]> counts = new HashMap<>();
        try (BufferedReader in = Files.newBufferedReader(Path.of(args[0]), StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                Matcher m = word.matcher(line);
                while (m.find()) {
                    counts.computeIfAbsent(m.group().toLowerCase(Locale.ROOT), k -> new long[1])[0]++;
                }
            }
        }
        try (BufferedWriter out = Files.newBufferedWriter(Path.of(args[1]), StandardCharsets.UTF_8)) {
            for (Map.Entry<String, long[]> e : counts.entrySet()) {
                out.write(e.getKey() + "\t" + e.getValue()[0] + "\n");
            }
        }
    }
}
