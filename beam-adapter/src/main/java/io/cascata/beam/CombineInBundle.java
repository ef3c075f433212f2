package io.cascata.beam;

import java.util.HashMap;
import java.util.Map;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.Combine.CombineFn;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.apache.beam.sdk.values.KV;

/**
 * The first half of a lifted combine: adds each input to its key's accumulator in a hash table
 * held for the bundle, and emits one (key, accumulator) per distinct key when the bundle finishes,
 * or earlier when the table holds {@code maxKeys} keys, so memory stays bounded. Keys are told
 * apart by their coder's structural value (their encoded bytes unless the coder is consistent with
 * equals), as a grouping tells them apart. For inputs in the global window only.
 *
 * @param <InputT> the element type
 * @param <K> the key type
 * @param <V> the type of what is added to the key's accumulator
 * @param <AccumT> the accumulator type
 */
final class CombineInBundle<InputT, K, V, AccumT> extends DoFn<InputT, KV<K, AccumT>> {

    /** Counters in Cascata's namespace: inputs added in bundles, and the accumulators emitted for the grouping. */
    static final String INPUTS = "lifted-combine-inputs";
    static final String ACCUMULATORS = "lifted-combine-accumulators";

    private final CombineFn<V, AccumT, ?> fn;
    private final Coder<K> keyCoder;
    private final SerializableFunction<InputT, K> key;
    private final SerializableFunction<InputT, V> value;
    private final int maxKeys;
    private final Counter inputsCounter = Metrics.counter(CountElements.NAMESPACE, INPUTS);
    private final Counter accumulatorsCounter = Metrics.counter(CountElements.NAMESPACE, ACCUMULATORS);

    private transient Map<Object, Entry<K, AccumT>> table;
    private transient long inputs;

    CombineInBundle(CombineFn<V, AccumT, ?> fn, Coder<K> keyCoder, SerializableFunction<InputT, K> key,
            SerializableFunction<InputT, V> value, int maxKeys) {
        this.fn = fn;
        this.keyCoder = keyCoder;
        this.key = key;
        this.value = value;
        this.maxKeys = maxKeys;
    }

    /** A key as it came with its running accumulator. */
    private static final class Entry<K, AccumT> {
        final K key;
        AccumT accumulator;

        Entry(K key, AccumT accumulator) {
            this.key = key;
            this.accumulator = accumulator;
        }
    }

    @StartBundle
    public void start() {
        table = new HashMap<>();
        inputs = 0;
    }

    @ProcessElement
    public void process(@Element InputT element, OutputReceiver<KV<K, AccumT>> out) {
        K k = key.apply(element);
        Object structural = keyCoder.structuralValue(k);
        Entry<K, AccumT> entry = table.get(structural);
        if (entry == null) {
            if (table.size() >= maxKeys) {
                for (Entry<K, AccumT> e : table.values()) {
                    out.output(KV.of(e.key, e.accumulator));
                }
                emitted(table.size());
                table.clear();
            }
            entry = new Entry<>(k, fn.createAccumulator());
            table.put(structural, entry);
        }
        entry.accumulator = fn.addInput(entry.accumulator, value.apply(element));
        inputs++;
    }

    @FinishBundle
    public void finish(FinishBundleContext out) {
        for (Entry<K, AccumT> e : table.values()) {
            out.output(KV.of(e.key, e.accumulator), GlobalWindow.INSTANCE.maxTimestamp(), GlobalWindow.INSTANCE);
        }
        emitted(table.size());
        table = null;
    }

    private void emitted(int accumulators) {
        accumulatorsCounter.inc(accumulators);
        inputsCounter.inc(inputs);
        inputs = 0;
    }
}
