package io.cascata.examples.topwords;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Sum;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;

/**
 * Lines to (word, count): words are maximal runs of letters, lower-cased. Each bundle counts its
 * words in a map and emits one (word, count) per distinct word when it finishes, so only a few
 * elements per word cross the shuffle instead of one per occurrence; a sum per key finishes the
 * job. For the global window of a batch pipeline only.
 */
public final class WordCounts extends PTransform<PCollection<String>, PCollection<KV<String, Long>>> {

    @Override
    public PCollection<KV<String, Long>> expand(PCollection<String> lines) {
        return lines.apply("Count in bundle", ParDo.of(new CountInBundle()))
                .apply("Sum per word", Sum.longsPerKey());
    }

    /** Counts the words of one bundle. */
    static final class CountInBundle extends DoFn<String, KV<String, Long>> {

        private static final Pattern WORD = Pattern.compile("\\p{L}+");
        private transient Map<String, long[]> counts;

        @StartBundle
        public void start() {
            counts = new HashMap<>();
        }

        @ProcessElement
        public void process(@Element String line) {
            Matcher m = WORD.matcher(line);
            while (m.find()) {
                counts.computeIfAbsent(m.group().toLowerCase(Locale.ROOT), k -> new long[1])[0]++;
            }
        }

        @FinishBundle
        public void finish(FinishBundleContext out) {
            for (Map.Entry<String, long[]> e : counts.entrySet()) {
                out.output(KV.of(e.getKey(), e.getValue()[0]), BoundedWindow.TIMESTAMP_MIN_VALUE, GlobalWindow.INSTANCE);
            }
            counts = null;
        }
    }
}
