package io.cascata.examples.dynamic;

import io.cascata.core.Param;
import io.cascata.core.Task;
import io.cascata.core.targets.LocalTarget;
import java.nio.file.Files;
import java.nio.file.Path;

/** Counts the words of one input file; {@link WordsPerFile} requires one per file it finds. */
public record CountFileWords(@Param("the file to count") String file,
        @Param(value = "output directory", defaultValue = "output/words-per-file") String out) implements Task {

    @Override
    public LocalTarget output() {
        return LocalTarget.of(out + "/counts/" + Path.of(file).getFileName() + ".count");
    }

    @Override
    public void run() throws Exception {
        String text = Files.readString(Path.of(file)).trim();
        int words = text.isEmpty() ? 0 : text.split("\\s+").length;
        output().writeText(Integer.toString(words));
    }
}
