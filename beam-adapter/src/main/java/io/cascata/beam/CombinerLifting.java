package io.cascata.beam;

import io.cascata.core.config.CascataConfig;
import io.cascata.core.settings.Settings;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.CannotProvideCoderException;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.runners.AppliedPTransform;
import org.apache.beam.sdk.runners.PTransformOverride;
import org.apache.beam.sdk.runners.PTransformOverrideFactory;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.Combine.CombineFn;
import org.apache.beam.sdk.transforms.Count;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.transforms.windowing.DefaultTrigger;
import org.apache.beam.sdk.transforms.windowing.GlobalWindows;
import org.apache.beam.sdk.transforms.windowing.TimestampCombiner;
import org.apache.beam.sdk.util.construction.PTransformReplacements;
import org.apache.beam.sdk.util.construction.ReplacementOutputs;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.WindowingStrategy;

/**
 * Combiner lifting, applied to every stage's pipeline before it runs (unless {@code [beam]
 * no-combiner-lifting} says otherwise): each {@code Combine.perKey} of a plain {@link CombineFn}
 * without side inputs, and each {@code Count.perElement}, over a bounded collection in the global
 * window with the default trigger, becomes a {@link LiftedCombine} that combines within each bundle
 * in memory before the grouping. Anything else (other windows or triggers, side inputs, fns with
 * context) is left as it is.
 *
 * <p>Why: Flink's batch translation already pre-combines before its shuffle, but by sorting every
 * input through Beam's coders into its sort buffers (a word count spends most of its time in that
 * sort's comparisons), which a hash table in the bundle avoids. The results are the same: a
 * combine may be split into partial combines and merges in any way.
 */
final class CombinerLifting {

    /**
     * At most this many keys are held per bundle before their accumulators are emitted, which
     * bounds the memory of each lifted combine (a few tens of MB for small accumulators).
     */
    static final int MAX_KEYS_PER_BUNDLE = 100_000;

    private static final String COUNT_PER_ELEMENT = Count.class.getName() + "$PerElement";

    private CombinerLifting() {
    }

    /** Lifts the pipeline's combines unless {@code [beam] no-combiner-lifting} is set. */
    static void applyUnlessOff(Pipeline pipeline, CascataConfig config) {
        if (!Settings.read(BeamSettings.class, config).noCombinerLifting()) {
            apply(pipeline);
        }
    }

    /** Replaces the pipeline's liftable combines with lifted ones. */
    static void apply(Pipeline pipeline) {
        apply(pipeline, MAX_KEYS_PER_BUNDLE);
    }

    /** Replaces the pipeline's liftable combines with lifted ones that hold at most {@code maxKeys} keys per bundle. */
    static void apply(Pipeline pipeline, int maxKeys) {
        pipeline.replaceAll(List.of(
                PTransformOverride.of(CombinerLifting::liftableCount, new Factory<>(a -> liftedCount(a, maxKeys))),
                PTransformOverride.of(CombinerLifting::liftablePerKey, new Factory<>(a -> liftedPerKey(a, maxKeys)))));
    }

    /** Whether the transform is a {@code Count.perElement} that can be lifted. */
    static boolean liftableCount(AppliedPTransform<?, ?, ?> applied) {
        // Count.PerElement is private to Beam: what Count.perElement() returns is told by its class name.
        return applied.getTransform().getClass().getName().equals(COUNT_PER_ELEMENT) && inGlobalWindow(mainInput(applied));
    }

    /** Whether the transform is a {@code Combine.perKey} that can be lifted. */
    static boolean liftablePerKey(AppliedPTransform<?, ?, ?> applied) {
        if (applied.getTransform().getClass() != Combine.PerKey.class) {
            return false;
        }
        Combine.PerKey<?, ?, ?> perKey = (Combine.PerKey<?, ?, ?>) applied.getTransform();
        if (!(perKey.getFn() instanceof CombineFn<?, ?, ?>) || perKey.getFn() instanceof MergeAccumulators<?, ?>
                || !perKey.getSideInputs().isEmpty()) {
            return false;
        }
        PCollection<?> input = mainInput(applied);
        if (!inGlobalWindow(input) || !(input.getCoder() instanceof KvCoder<?, ?> kv)) {
            return false;
        }
        try {
            accumulatorCoder((CombineFn<?, ?, ?>) perKey.getFn(), input, kv.getValueCoder());
            return true;
        } catch (CannotProvideCoderException e) {
            return false;
        }
    }

    /**
     * Bounded, in the global window, fired once at its end (the default trigger) with the
     * end-of-window timestamp: where a combine's result does not depend on which inputs met in
     * which bundle or on their timestamps.
     */
    private static boolean inGlobalWindow(PCollection<?> input) {
        WindowingStrategy<?, ?> windowing = input.getWindowingStrategy();
        return input.isBounded() == PCollection.IsBounded.BOUNDED
                && windowing.getWindowFn() instanceof GlobalWindows
                && windowing.getTrigger() instanceof DefaultTrigger
                && windowing.getTimestampCombiner() == TimestampCombiner.END_OF_WINDOW;
    }

    private static PCollection<?> mainInput(AppliedPTransform<?, ?, ?> applied) {
        Map<TupleTag<?>, PCollection<?>> inputs = applied.getMainInputs();
        if (inputs.size() != 1) {
            throw new IllegalStateException(applied.getFullName() + " has " + inputs.size() + " main inputs");
        }
        return inputs.values().iterator().next();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Coder<?> accumulatorCoder(CombineFn fn, PCollection<?> input, Coder<?> inputCoder)
            throws CannotProvideCoderException {
        return fn.getAccumulatorCoder(input.getPipeline().getCoderRegistry(), inputCoder);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static PTransform liftedCount(AppliedPTransform applied, int maxKeys) {
        PCollection input = mainInput(applied);
        CombineFn fn = Count.combineFn();
        return lifted(applied, fn, input.getCoder(), input, input.getCoder(),
                (SerializableFunction) element -> element, (SerializableFunction) element -> element, maxKeys);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static PTransform liftedPerKey(AppliedPTransform applied, int maxKeys) {
        PCollection input = mainInput(applied);
        KvCoder kv = (KvCoder) input.getCoder();
        CombineFn fn = (CombineFn) ((Combine.PerKey) applied.getTransform()).getFn();
        return lifted(applied, fn, kv.getKeyCoder(), input, kv.getValueCoder(),
                (SerializableFunction<KV, Object>) KV::getKey, (SerializableFunction<KV, Object>) KV::getValue, maxKeys);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static PTransform lifted(AppliedPTransform applied, CombineFn fn, Coder keyCoder, PCollection input,
            Coder valueCoder, SerializableFunction key, SerializableFunction value, int maxKeys) {
        PCollection output = PTransformReplacements.getSingletonMainOutput(applied);
        try {
            return new LiftedCombine(fn, keyCoder, accumulatorCoder(fn, input, valueCoder), output.getCoder(), key, value,
                    maxKeys);
        } catch (CannotProvideCoderException e) {
            // The matcher checked that the coder exists.
            throw new IllegalStateException(applied.getFullName() + ": " + e.getMessage(), e);
        }
    }

    /** Replaces a matched transform with the one {@code replacement} builds for it, output for output. */
    private static final class Factory<InputT extends PCollection<?>, OutputT extends PCollection<?>>
            implements PTransformOverrideFactory<InputT, OutputT, PTransform<InputT, OutputT>> {

        private final Function<AppliedPTransform<InputT, OutputT, PTransform<InputT, OutputT>>, PTransform<InputT, OutputT>> replacement;

        Factory(Function<AppliedPTransform<InputT, OutputT, PTransform<InputT, OutputT>>, PTransform<InputT, OutputT>> replacement) {
            this.replacement = replacement;
        }

        @Override
        @SuppressWarnings("unchecked")
        public PTransformReplacement<InputT, OutputT> getReplacementTransform(
                AppliedPTransform<InputT, OutputT, PTransform<InputT, OutputT>> applied) {
            return PTransformReplacement.of((InputT) mainInput(applied), replacement.apply(applied));
        }

        @Override
        public Map<PCollection<?>, ReplacementOutput> mapOutputs(Map<TupleTag<?>, PCollection<?>> outputs, OutputT newOutput) {
            return ReplacementOutputs.singleton(outputs, newOutput);
        }
    }
}
