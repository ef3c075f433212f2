package io.cascata.examples.topwords;

import java.util.Comparator;
import java.util.Objects;

/**
 * One line of a count file, {@code word<TAB>count}, and the report's order: most frequent
 * first, ties in alphabetical order.
 *
 * @param word the word
 * @param count how often it occurs
 */
record WordCount(String word, long count) {

    /** Most frequent first, then alphabetical. */
    static final Comparator<WordCount> REPORT_ORDER =
            Comparator.comparingLong(WordCount::count).reversed().thenComparing(WordCount::word);

    static WordCount parse(String line) {
        int tab = line.indexOf('\t');
        if (tab < 0) {
            throw new IllegalArgumentException("not a word<TAB>count line: '" + line + "'");
        }
        return new WordCount(line.substring(0, tab), Long.parseLong(line.substring(tab + 1).trim()));
    }

    String line() {
        return word + "\t" + count;
    }

    WordCount {
        Objects.requireNonNull(word, "word");
    }
}
