package io.cascata.examples.daily;

import io.cascata.core.Param;
import io.cascata.core.ParameterGroup;
import java.time.LocalDate;

/** The day and region every step of the daily pipeline is about: declared once, shared by each step. */
@ParameterGroup
public record Partition(@Param("day of the events") LocalDate date,
        @Param(value = "region code", defaultValue = "eu") String region) {
}
