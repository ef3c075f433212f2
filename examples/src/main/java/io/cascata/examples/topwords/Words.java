package io.cascata.examples.topwords;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.beam.sdk.transforms.DoFn;

/** Splits a line into words: maximal runs of Unicode letters, lower-cased. */
public final class Words extends DoFn<String, String> {

    private static final Pattern WORD = Pattern.compile("\\p{L}+");

    @ProcessElement
    public void process(@Element String line, OutputReceiver<String> out) {
        Matcher m = WORD.matcher(line);
        while (m.find()) {
            out.output(m.group().toLowerCase(Locale.ROOT));
        }
    }
}
