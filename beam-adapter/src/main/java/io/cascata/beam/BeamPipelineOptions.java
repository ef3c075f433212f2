package io.cascata.beam;

import io.cascata.core.config.ConfigException;
import io.cascata.core.json.Json;
import io.cascata.core.settings.Claim;
import io.cascata.core.settings.ForeignOptions;
import io.cascata.core.settings.SettingsGroup;
import java.util.List;
import java.util.Map;

/**
 * Beam's own pipeline options on Cascata's command line ({@code --tempLocation=...},
 * {@code --maxBundleSize=100}, {@code --flinkConfDir=...}): those Cascata does not declare are
 * checked by Beam before anything runs and reach every stage's pipeline options, through
 * {@link BeamSettings#pipelineOptions()}. Their values follow an {@code =}, as on Beam's command line.
 */
public final class BeamPipelineOptions implements ForeignOptions {

    @Override
    public String describe() {
        return "Beam's pipeline options";
    }

    @Override
    public Claim claim(List<String> options) {
        List<String> beam = options.stream().filter(o -> PipelineArgs.knows(PipelineArgs.name(o))).toList();
        if (beam.isEmpty()) {
            return Claim.none();
        }
        try {
            PipelineArgs.check(beam);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage(), e);
        }
        String json;
        try {
            json = Json.mapper().writeValueAsString(beam);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return new Claim(beam, Map.of(SettingsGroup.of(BeamSettings.class).setting("pipelineOptions"), json));
    }
}
