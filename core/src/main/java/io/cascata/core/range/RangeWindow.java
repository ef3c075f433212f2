package io.cascata.core.range;

import io.cascata.core.Task;
import io.cascata.core.param.ParameterException;
import io.cascata.core.param.ParameterSources;
import io.cascata.core.param.ParameterSpec;
import io.cascata.core.param.TaskFamily;
import io.cascata.core.param.TaskRegistry;
import io.cascata.core.targets.ListingCache;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every range task shares: checking its parameters, working out the window, finding which
 * of the family's tasks in it are missing (one directory listing for the whole window, through a
 * {@link ListingCache} that serves the local disk too) and choosing the ones to require.
 *
 * @param step how the range counts
 * @param of the family's name
 * @param ofParams the family's other parameters, as text
 * @param start the first point, if bounded
 * @param stop the point after the last, if bounded
 * @param reverse whether the newest missing tasks come first
 * @param taskLimit how many missing tasks to require at most
 * @param back how far before now the window reaches, in units
 * @param forward how far after now the window reaches, in units
 * @param now the time to count from, in seconds since the epoch; empty for the clock
 * @param paramName the family's parameter that takes the point; empty to find it by type
 */
record RangeWindow(Step step, String of, Map<String, String> ofParams, Optional<?> start, Optional<?> stop,
        boolean reverse, int taskLimit, long back, long forward, Optional<Long> now, Optional<String> paramName) {

    private static final Logger LOG = LoggerFactory.getLogger(RangeWindow.class);

    /** Checks what Luigi checks, and that the family can be ranged; throws naming the problem. */
    void check() {
        if (start.isEmpty() && stop.isEmpty()) {
            throw new IllegalArgumentException("give a start, a stop or both");
        }
        if (start.isEmpty() && !reverse) {
            throw new IllegalArgumentException("without a start, the range must run in reverse (--reverse)");
        }
        if (start.isPresent() && stop.isPresent() && step.point(start.get()).isAfter(step.point(stop.get()))) {
            throw new IllegalArgumentException("start " + start.get() + " is after stop " + stop.get());
        }
        if (taskLimit < 0 || back < 0 || forward < 0) {
            throw new IllegalArgumentException("the task limit and the look-back and look-ahead cannot be negative");
        }
        rangedParameter(family());
    }

    TaskFamily family() {
        return TaskRegistry.global().resolve(of);
    }

    /** The family's parameter that takes each point. */
    ParameterSpec rangedParameter(TaskFamily family) {
        if (paramName.isPresent()) {
            ParameterSpec p = family.parameter(paramName.get()).orElseThrow(() -> new IllegalArgumentException(
                    "task " + family.name() + " has no parameter '" + paramName.get() + "'; its parameters: "
                            + family.describeParameters()));
            if (!(p.javaType() instanceof Class<?> c) || c != step.parameterType()) {
                throw new IllegalArgumentException("parameter '" + p.name() + "' of task " + family.name() + " is a "
                        + p.type().name() + ", not a " + step.typeName());
            }
            return p;
        }
        List<ParameterSpec> candidates = family.parameters().stream()
                .filter(p -> p.javaType() == step.parameterType()).toList();
        if (candidates.size() != 1) {
            throw new IllegalArgumentException("task " + family.name() + " has " + (candidates.isEmpty() ? "no"
                    : candidates.size()) + " " + step.typeName() + " parameters" + (candidates.isEmpty() ? ""
                    : " (" + String.join(", ", candidates.stream().map(ParameterSpec::name).toList())
                            + "); name one with --param-name"));
        }
        return candidates.get(0);
    }

    /** The family's missing tasks to require, oldest first (newest first in reverse). */
    List<Task> requirements(String rangeName) {
        TaskFamily family = family();
        ParameterSpec ranged = rangedParameter(family);
        LocalDateTime clock = now.map(s -> LocalDateTime.ofInstant(Instant.ofEpochSecond(s), ZoneOffset.UTC))
                .orElseGet(() -> LocalDateTime.now(ZoneOffset.UTC));
        LocalDateTime movingStart = step.movingStart(clock, back);
        LocalDateTime from = start.map(step::point).filter(s -> s.isAfter(movingStart)).orElse(movingStart);
        LocalDateTime movingStop = step.movingStop(clock, forward);
        LocalDateTime to = stop.map(step::point).filter(s -> s.isBefore(movingStop)).orElse(movingStop);
        List<LocalDateTime> points = from.isAfter(to) ? List.of() : step.points(from, to);
        if (start.isPresent() && step.point(start.get()).isBefore(movingStart)) {
            LOG.info("{}: start {} is further back than the look-back of {} {} reaches ({}); the window starts there",
                    rangeName, start.get(), back, step.unit(), step.parameter(step.align(movingStart)));
        }
        List<Task> missing = new ArrayList<>();
        ParameterSources sources = ParameterSources.current();
        try (ListingCache.Scope scope = ListingCache.use(ListingCache.everyStorage())) {
            for (LocalDateTime point : points) {
                Map<String, Object> given = new LinkedHashMap<>(ofParams);
                given.put(ranged.name(), step.parameter(point));
                Task task;
                try {
                    task = family.instantiate(given, sources);
                } catch (ParameterException e) {
                    throw new ParameterException(rangeName + " of " + family.name() + ": " + e.getMessage(), e);
                }
                if (!task.complete()) {
                    missing.add(task);
                }
            }
        }
        List<Task> required = reverse
                ? new ArrayList<>(missing.subList(Math.max(0, missing.size() - taskLimit), missing.size()))
                : new ArrayList<>(missing.subList(0, Math.min(taskLimit, missing.size())));
        if (reverse) {
            Collections.reverse(required);
        }
        if (points.isEmpty()) {
            LOG.info("{}: the window is empty; no {} task is expected", rangeName, family.name());
        } else {
            LOG.info("{}: {} of {} {} tasks from {} to {} are missing; requiring {}", rangeName, missing.size(),
                    points.size(), family.name(), step.parameter(points.get(0)),
                    step.parameter(points.get(points.size() - 1)), required.size());
        }
        return required;
    }

    /** The name by which a range names its family: the simple one when the index resolves it to this class, else the full one. */
    static String familyName(Class<? extends Task> family) {
        String simple = TaskFamily.of(family).name();
        try {
            if (TaskRegistry.global().resolve(simple).type() == family) {
                return simple;
            }
        } catch (ParameterException notIndexed) {
            // a class the index does not know (compiled without the processor): its full name resolves it
        }
        return family.getName();
    }
}
