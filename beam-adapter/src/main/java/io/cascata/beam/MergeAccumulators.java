package io.cascata.beam;

import java.util.List;
import org.apache.beam.sdk.coders.CannotProvideCoderException;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.transforms.Combine.CombineFn;
import org.apache.beam.sdk.transforms.display.DisplayData;

/**
 * The second half of a lifted combine: a {@link CombineFn} whose inputs are the accumulators of
 * another fn, already combined per key within a bundle by {@link CombineInBundle}. Adding an input
 * merges it into the accumulator, and the output is the original fn's, so the pair computes what
 * the original {@code Combine.perKey} computes.
 *
 * @param <AccumT> the original fn's accumulator type, this fn's input and accumulator
 * @param <OutputT> the original fn's output type
 */
final class MergeAccumulators<AccumT, OutputT> extends CombineFn<AccumT, AccumT, OutputT> {

    private final CombineFn<?, AccumT, OutputT> original;
    private final Coder<AccumT> accumulatorCoder;

    MergeAccumulators(CombineFn<?, AccumT, OutputT> original, Coder<AccumT> accumulatorCoder) {
        this.original = original;
        this.accumulatorCoder = accumulatorCoder;
    }

    @Override
    public AccumT createAccumulator() {
        return original.createAccumulator();
    }

    @Override
    public AccumT addInput(AccumT accumulator, AccumT input) {
        // The running accumulator goes first: fns that merge in place (Sum, Count, Mean, Top)
        // change the first one, which is this combine's own.
        return original.mergeAccumulators(List.of(accumulator, input));
    }

    @Override
    public AccumT mergeAccumulators(Iterable<AccumT> accumulators) {
        return original.mergeAccumulators(accumulators);
    }

    @Override
    public AccumT compact(AccumT accumulator) {
        return original.compact(accumulator);
    }

    @Override
    public OutputT extractOutput(AccumT accumulator) {
        return original.extractOutput(accumulator);
    }

    @Override
    public Coder<AccumT> getAccumulatorCoder(CoderRegistry registry, Coder<AccumT> inputCoder)
            throws CannotProvideCoderException {
        return accumulatorCoder;
    }

    @Override
    public void populateDisplayData(DisplayData.Builder builder) {
        builder.include("original", original);
    }
}
