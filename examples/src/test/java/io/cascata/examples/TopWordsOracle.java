package io.cascata.examples;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** TopWords' input for tests, and its report computed directly, without Cascata or Beam. */
final class TopWordsOracle {

    private static final String[] VOCABULARY = {"alpha", "Beta", "gamma", "delta", "straße", "Ça", "über",
        "naïve", "東京", "epsilon", "zeta", "eta", "theta", "iota", "kappa"};

    private TopWordsOracle() {
    }

    /** 400 lines of words with a skewed distribution, punctuation and non-Latin letters, always the same. */
    static String sampleText() {
        Random random = new Random(42);
        StringBuilder text = new StringBuilder();
        for (int line = 0; line < 400; line++) {
            int words = 1 + random.nextInt(12);
            for (int w = 0; w < words; w++) {
                int pick = (int) Math.min(VOCABULARY.length - 1, Math.abs(random.nextGaussian()) * 4);
                text.append(VOCABULARY[pick]).append(random.nextInt(5) == 0 ? ", " : " ");
            }
            text.append(random.nextInt(3) == 0 ? "42-x_y!" : "").append('\n');
        }
        return text.toString();
    }

    /** The report: maximal letter runs, lower-cased, most frequent first, ties alphabetical. */
    static String report(String text, int top) {
        Map<String, Long> counts = new HashMap<>();
        Matcher m = Pattern.compile("\\p{L}+").matcher(text);
        while (m.find()) {
            counts.merge(m.group().toLowerCase(Locale.ROOT), 1L, Long::sum);
        }
        List<Map.Entry<String, Long>> entries = new ArrayList<>(counts.entrySet());
        entries.sort(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, Long> e : entries.subList(0, Math.min(top, entries.size()))) {
            out.append(e.getKey()).append('\t').append(e.getValue()).append('\n');
        }
        return out.toString();
    }
}
