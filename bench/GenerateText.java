import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * Writes a deterministic text of about SIZE_MB megabytes: lines of 4-16 words drawn with a
 * Zipf-like skew from VOCABULARY (default 50,000) made-up words, some with non-ASCII letters,
 * with punctuation and digits between them. Usage: java bench/GenerateText.java FILE SIZE_MB [VOCABULARY]
 */
public class GenerateText {

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        long target = Long.parseLong(args[1]) * 1_000_000L;
        String[] vocabulary = new String[args.length > 2 ? Integer.parseInt(args[2]) : 50_000];
        Random random = new Random(7);
        String letters = "abcdefghijklmnopqrstuvwxyzéüßçø";
        for (int i = 0; i < vocabulary.length; i++) {
            StringBuilder w = new StringBuilder();
            int length = 2 + random.nextInt(9);
            for (int c = 0; c < length; c++) {
                w.append(letters.charAt(random.nextInt(c == 0 ? 26 : letters.length())));
            }
            vocabulary[i] = random.nextInt(10) == 0 ? w.substring(0, 1).toUpperCase() + w.substring(1) : w.toString();
        }
        long written = 0;
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            while (written < target) {
                StringBuilder line = new StringBuilder();
                int words = 4 + random.nextInt(13);
                for (int i = 0; i < words; i++) {
                    double u = random.nextDouble();
                    int index = (int) (Math.pow(u, 3) * vocabulary.length);
                    line.append(vocabulary[index]).append(random.nextInt(8) == 0 ? ", " : " ");
                }
                if (random.nextInt(4) == 0) {
                    line.append(random.nextInt(1000)).append('.');
                }
                out.write(line.toString());
                out.write('\n');
                written += line.length() + 1;
            }
        }
    }
}
