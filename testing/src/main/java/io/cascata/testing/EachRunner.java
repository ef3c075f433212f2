package io.cascata.testing;

import io.cascata.beam.Runner;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A test that runs once on each Beam runner: the DirectRunner and Flink {@code [local]}. The test
 * method takes the {@link Runner} and hands it to {@link StageRun#on(Runner)}, so one stage test
 * checks both runners without being written twice:
 *
 * <pre>{@code
 * @EachRunner
 * void countsWords(Runner runner) {
 *     RunOutcome outcome = pipeline.stage(new CountWords("in.txt")).input(new InputFile("in.txt"), "a b a").on(runner);
 *     assertEquals(List.of("a\t2", "b\t1"), outcome.sortedLines(stage.output()));
 * }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@ParameterizedTest(name = "on {0}")
@EnumSource(Runner.class)
public @interface EachRunner {
}
