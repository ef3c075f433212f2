package io.cascata.core.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cascata.core.config.CascataConfig;
import io.cascata.core.config.ConfigException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** One declaration gives a setting its key, option, help, default, type and check. */
class SettingsTest {

    enum Shade implements Choice {
        LIGHT("Light", "pale"), DARK("Dark");

        private final List<String> spellings;

        Shade(String... spellings) {
            this.spellings = List.of(spellings);
        }

        @Override
        public List<String> spellings() {
            return spellings;
        }
    }

    @SettingsSection("paint")
    record PaintSettings(
            @Setting(value = "coats to apply", defaultValue = "2", min = 1) int coats,
            @Setting(value = "the shade", perFamily = true) Optional<Shade> shade,
            @Setting(value = "how long each coat dries", defaultValue = "30m") Duration dryingTime,
            @Setting("skip the primer") boolean noPrimer,
            @Setting(value = "where the brushes are", option = "brush-dir", label = "DIR") Optional<String> brushes,
            @Setting(value = "kept out of the command line", defaultValue = "x", commandLine = false) String hidden) {
    }

    @SettingsSection(value = "room", named = true)
    record RoomSettings(@Setting(value = "walls", min = 1) Optional<Integer> walls) {
    }

    private static CascataConfig config(Map<String, Map<String, String>> sections) {
        return CascataConfig.of(sections, name -> null);
    }

    @Test
    void theDeclarationGivesKeysOptionsHelpAndDefaults() {
        SettingsGroup<PaintSettings> group = SettingsGroup.of(PaintSettings.class);
        assertEquals("paint", group.section());
        SettingSpec drying = group.setting("dryingTime");
        assertEquals("drying-time", drying.key());
        assertEquals(List.of("--drying-time", "--dryingTime"), drying.optionNames());
        assertEquals("how long each coat dries (default: PT30M)", drying.help());
        assertEquals(List.of("--brush-dir", "--brushDir"), group.setting("brushes").optionNames());
        assertEquals("DIR", group.setting("brushes").label());
        assertEquals("N", group.setting("coats").label());
        assertTrue(group.setting("noPrimer").flag());
        assertEquals(List.of("--Kitchen-shade"), group.setting("shade").familyOptionNames("Kitchen"));
        assertEquals("one of Light, Dark", group.setting("shade").expected());
        assertEquals(List.of("coats", "shade", "drying-time", "no-primer", "brush-dir"),
                DeclaredSettings.of(List.of(PaintSettings.class)).commandLineSettings().stream().map(SettingSpec::option).toList(),
                "a config-only setting has no option");
    }

    @Test
    void valuesAreReadTypedWithDefaultsForWhatIsAbsent() {
        PaintSettings none = Settings.read(PaintSettings.class, config(Map.of()));
        assertEquals(new PaintSettings(2, Optional.empty(), Duration.ofMinutes(30), false, Optional.empty(), "x"), none);

        PaintSettings some = Settings.read(PaintSettings.class, config(Map.of("paint", Map.of(
                "coats", "3", "shade", "pale", "drying_time", "1h", "noPrimer", "yes", "brushes", "/b"))));
        assertEquals(new PaintSettings(3, Optional.of(Shade.LIGHT), Duration.ofHours(1), true, Optional.of("/b"), "x"), some,
                "keys in any spelling, choices in any of their spellings");
    }

    @Test
    void aFamilySeesItsOwnValueOfAPerFamilySettingAndTheSectionsOtherwise() {
        CascataConfig config = config(Map.of("paint", Map.of("shade", "dark", "coats", "4"),
                "Kitchen", Map.of("shade", "light", "coats", "9")));
        PaintSettings kitchen = Settings.read(PaintSettings.class, config, "Kitchen");
        assertEquals(Optional.of(Shade.LIGHT), kitchen.shade());
        assertEquals(4, kitchen.coats(), "coats is not per-family, so [Kitchen] coats is not it");
        assertEquals(Optional.of(Shade.DARK), Settings.read(PaintSettings.class, config, "Hall").shade());
    }

    @Test
    void aBadValueNamesWhereItIsTheValueAndWhatIsExpected() {
        CascataConfig config = config(Map.of("paint", Map.of("coats", "many")));
        ConfigException e = assertThrows(ConfigException.class, () -> Settings.read(PaintSettings.class, config));
        assertEquals("config, section [paint], key 'coats' (int): cannot use value 'many': not a valid int", e.getMessage());

        ConfigException tooFew = assertThrows(ConfigException.class,
                () -> Settings.read(PaintSettings.class, config(Map.of("paint", Map.of("coats", "0")))));
        assertEquals("config, section [paint], key 'coats' (int): cannot use value '0': must be at least 1", tooFew.getMessage());

        ConfigException shade = assertThrows(ConfigException.class,
                () -> Settings.read(PaintSettings.class, config(Map.of("paint", Map.of("shade", "Beige")))));
        assertEquals("config, section [paint], key 'shade': unknown value 'Beige'; use one of Light, Dark", shade.getMessage());
    }

    @Test
    void validationChecksEverySectionIncludingFamilyAndNamedOnes() {
        DeclaredSettings declared = DeclaredSettings.of(List.of(PaintSettings.class, RoomSettings.class));
        declared.validate(config(Map.of("paint", Map.of("coats", "3"), "room.big", Map.of("walls", "4"),
                "Kitchen", Map.of("shade", "dark", "anything", "else"))));

        ConfigException family = assertThrows(ConfigException.class,
                () -> declared.validate(config(Map.of("Kitchen", Map.of("shade", "Beige")))));
        assertEquals("config, section [Kitchen], key 'shade': unknown value 'Beige'; use one of Light, Dark",
                family.getMessage());

        ConfigException named = assertThrows(ConfigException.class,
                () -> declared.validate(config(Map.of("room.small", Map.of("walls", "none")))));
        assertTrue(named.getMessage().startsWith("config, section [room.small], key 'walls' (int): cannot use value 'none'"),
                named.getMessage());
    }

    /** A task whose parameter has the name of a per-family setting. */
    record Atelier(@io.cascata.core.Param("a parameter that shares a setting's name") String shade)
            implements io.cascata.core.Task {
    }

    @Test
    void aFamilysParameterOfASettingsNameIsLeftToTheFamily() {
        DeclaredSettings.of(List.of(PaintSettings.class)).validate(config(Map.of("Atelier", Map.of("shade", "ochre"))));
        assertThrows(ConfigException.class, () -> DeclaredSettings.of(List.of(PaintSettings.class))
                .validate(config(Map.of("Studio", Map.of("shade", "ochre")))), "a section that is no such family is checked");
    }

    @Test
    void namedSectionsAreReadByName() {
        CascataConfig config = config(Map.of("room.big", Map.of("walls", "6"), "room.bare", Map.of()));
        assertEquals(Optional.of(new RoomSettings(Optional.of(6))), Settings.named(RoomSettings.class, config, "big"));
        assertEquals(Optional.of(new RoomSettings(Optional.empty())), Settings.named(RoomSettings.class, config, "bare"));
        assertEquals(Optional.empty(), Settings.named(RoomSettings.class, config, "huge"));
        assertEquals(java.util.Set.of("bare", "big"), SettingsGroup.of(RoomSettings.class).names(config));
    }

    @Test
    void keysNoSettingDeclaresAreReported() {
        DeclaredSettings declared = DeclaredSettings.of(List.of(PaintSettings.class, RoomSettings.class));
        assertEquals(List.of("[paint] coat", "[room.big] wall"), declared.unknownKeys(config(Map.of(
                "paint", Map.of("coat", "3"), "room.big", Map.of("wall", "1"), "Kitchen", Map.of("param", "x"))))
                .stream().sorted().toList());
    }

    @SettingsSection("broken")
    record NoDefault(@Setting("a number without a default") int n) {
    }

    @SettingsSection("paint")
    record SameOption(@Setting(value = "clashes with PaintSettings.coats", defaultValue = "1", name = "layers",
            option = "coats") int layers) {
    }

    @Test
    void faultyDeclarationsAreErrorsNamingThem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SettingsGroup.of(NoDefault.class));
        assertEquals("NoDefault.n needs a default, or an Optional type", e.getMessage());
        IllegalStateException clash = assertThrows(IllegalStateException.class,
                () -> DeclaredSettings.of(List.of(PaintSettings.class, SameOption.class)));
        assertTrue(clash.getMessage().contains("--coats"), clash.getMessage());
    }

    @Test
    void coreDeclaresItsSettingsThroughItsProvider() {
        DeclaredSettings declared = DeclaredSettings.load();
        assertTrue(declared.groups().stream().anyMatch(g -> g.type() == CoreSettings.class));
        assertTrue(declared.groups().stream().anyMatch(g -> g.type() == io.cascata.core.run.RetCodes.class));
        assertEquals(1, Settings.read(CoreSettings.class, config(Map.of())).workers());
        assertEquals(30, io.cascata.core.run.RetCodes.defaults().taskFailed());
    }
}
