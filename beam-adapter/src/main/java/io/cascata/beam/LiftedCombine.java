package io.cascata.beam;

import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.Combine.CombineFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;

/**
 * A combine per key with its combiner lifted into the bundle: what replaces a
 * {@code Combine.perKey} (or a {@code Count.perElement}) in the global window. Each bundle
 * combines its inputs per key in memory ({@link CombineInBundle}), and only the resulting
 * accumulators are grouped and merged ({@link MergeAccumulators}), so the grouping sees one element
 * per key and bundle instead of one per input. The output and its coder are the original's.
 *
 * @param <InputT> the element type
 * @param <K> the key type
 * @param <V> the type of what the fn adds
 * @param <AccumT> the fn's accumulator type
 * @param <OutputT> the fn's output type
 */
final class LiftedCombine<InputT, K, V, AccumT, OutputT> extends PTransform<PCollection<InputT>, PCollection<KV<K, OutputT>>> {

    private final CombineFn<V, AccumT, OutputT> fn;
    private final Coder<K> keyCoder;
    private final Coder<AccumT> accumulatorCoder;
    private final Coder<KV<K, OutputT>> outputCoder;
    private final SerializableFunction<InputT, K> key;
    private final SerializableFunction<InputT, V> value;
    private final int maxKeys;

    LiftedCombine(CombineFn<V, AccumT, OutputT> fn, Coder<K> keyCoder, Coder<AccumT> accumulatorCoder,
            Coder<KV<K, OutputT>> outputCoder, SerializableFunction<InputT, K> key, SerializableFunction<InputT, V> value,
            int maxKeys) {
        this.fn = fn;
        this.keyCoder = keyCoder;
        this.accumulatorCoder = accumulatorCoder;
        this.outputCoder = outputCoder;
        this.key = key;
        this.value = value;
        this.maxKeys = maxKeys;
    }

    @Override
    public PCollection<KV<K, OutputT>> expand(PCollection<InputT> input) {
        return input.apply("Combine in bundle", ParDo.of(new CombineInBundle<>(fn, keyCoder, key, value, maxKeys)))
                .setCoder(KvCoder.of(keyCoder, accumulatorCoder))
                .apply("Merge accumulators", Combine.perKey(new MergeAccumulators<>(fn, accumulatorCoder)))
                .setCoder(outputCoder);
    }
}
