package io.cascata.examples.ensemble;

import io.cascata.core.Param;
import io.cascata.core.Task;
import io.cascata.core.targets.Workspace;
import io.cascata.core.targets.DirectoryTarget;
import io.cascata.core.targets.FileTarget;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Loads the three models, averages their probabilities into the ensemble, and scores all four
 * on the held-out split; writes the scores as JSON.
 */
public record CombineModels(@Param(value = "number of rows", defaultValue = "20000") int rows,
        @Param(value = "random seed", defaultValue = "17") long seed) implements Task {

    @Override
    public Map<String, Task> requires() {
        Map<String, Task> parts = new LinkedHashMap<>();
        parts.put("features", new PrepareFeatures(rows, seed));
        parts.put("logistic", new TrainLogistic(rows, seed, 300));
        parts.put("bayes", new TrainNaiveBayes(rows, seed));
        parts.put("centroid", new TrainCentroid(rows, seed));
        return parts;
    }

    @Override
    public FileTarget output() {
        return Workspace.file(this, "scores.json");
    }

    @Override
    public void run() throws Exception {
        Map<String, Object> in = input();
        List<Example> test = Example.split(Example.readAll((DirectoryTarget) in.get("features")), false);
        int features = test.get(0).features().length;
        Map<String, Model> models = new LinkedHashMap<>();
        models.put("logistic regression", ((FileTarget) in.get("logistic")).readObject(LogisticModel.class));
        models.put("naive Bayes", NaiveBayesModel.read((DirectoryTarget) in.get("bayes"), features));
        models.put("nearest centroid", ((FileTarget) in.get("centroid")).readObject(CentroidModel.class));
        List<Model> all = new ArrayList<>(models.values());
        models.put("ensemble (mean)", f -> all.stream().mapToDouble(m -> m.probability(f)).average().orElseThrow());
        List<Score> scores = new ArrayList<>();
        models.forEach((name, model) -> scores.add(Score.of(name, model, test)));
        output().writeObject(scores);
    }
}
