package io.cascata.core.param;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cascata.core.Param;
import io.cascata.core.Task;
import io.cascata.core.TaskId;
import io.cascata.core.Tasks;
import io.cascata.core.config.CascataConfig;
import io.cascata.core.run.Driver;
import io.cascata.core.run.RunResult;
import io.cascata.core.targets.LocalTarget;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Parameter parsing, error messages, precedence and task identity. */
class ParameterTest {

    @TempDir
    Path tmp;

    enum ParColor { RED, GREEN }

    record ParAll(String s, int i, long l, double d, boolean b, ParColor color, LocalDate date,
            LocalDateTime time, Duration dur, List<Integer> ints, Map<String, String> map) implements Task {
    }

    record ParDur(Duration dur) implements Task {
    }

    record ParInner(int n, @Param(defaultValue = "x") String tag) implements Task {
    }

    record ParOuter(ParInner inner) implements Task {
    }

    record ParAnyTask(Task task) implements Task {
    }

    record ParPrec(@Param(defaultValue = "default") String v, @Param(defaultValue = "1") int other) implements Task {
    }

    record ParRequired(int n) implements Task {
    }

    record ParInsig(int n, @Param(significant = false) String note) implements Task {
    }

    record ParHash(String name, int count, List<String> tags) implements Task {
    }

    record ParHashText(String text) implements Task {
    }

    record ParNone() implements Task {
    }

    record ParWrites(@Param(significant = false) String dir, int n, @Param(significant = false) String note)
            implements Task {
        @Override
        public LocalTarget output() {
            return LocalTarget.of(dir + "/ParWrites_" + n + ".txt");
        }

        @Override
        public void run() throws IOException {
            output().writeText(note);
        }
    }

    // ---- helpers -----------------------------------------------------------------------------

    private static ParameterSources cli(String family, Map<String, String> values) {
        return new ParameterSources(Map.of(family, values), CascataConfig.empty());
    }

    private static ParameterSources sources(Map<String, Map<String, String>> commandLine,
            Map<String, Map<String, String>> config) {
        return new ParameterSources(commandLine, CascataConfig.of(config, name -> null));
    }

    private static String sha256Prefix(String text) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest).substring(0, 10);
    }

    // ---- parsing -------------------------------------------------------------------------------

    @Test
    void everySupportedTypeParsesFromText() {
        Map<String, String> text = new LinkedHashMap<>();
        text.put("s", "hello world");
        text.put("i", "42");
        text.put("l", "9000000000");
        text.put("d", "2.5");
        text.put("b", "true");
        text.put("color", "green");
        text.put("date", "2024-02-29");
        text.put("time", "2024-02-29T13:45:10");
        text.put("dur", "90s");
        text.put("ints", "[1, 2, 3]");
        text.put("map", "{\"b\":\"2\",\"a\":\"1\"}");

        ParAll t = (ParAll) TaskFamily.of(ParAll.class).instantiate(Map.of(), cli("ParAll", text));

        assertEquals("hello world", t.s());
        assertEquals(42, t.i());
        assertEquals(9_000_000_000L, t.l());
        assertEquals(2.5, t.d());
        assertEquals(true, t.b());
        assertEquals(ParColor.GREEN, t.color());
        assertEquals(LocalDate.of(2024, 2, 29), t.date());
        assertEquals(LocalDateTime.of(2024, 2, 29, 13, 45, 10), t.time());
        assertEquals(Duration.ofSeconds(90), t.dur());
        assertEquals(List.of(1, 2, 3), t.ints());
        assertEquals(Map.of("a", "1", "b", "2"), t.map());
    }

    @Test
    void booleansAcceptTheUsualSpellings() {
        ParameterType type = ParameterTypes.forType(boolean.class);
        for (String yes : List.of("true", "TRUE", "yes", "1")) {
            assertEquals(true, type.parse(yes), yes);
        }
        for (String no : List.of("false", "False", "no", "0")) {
            assertEquals(false, type.parse(no), no);
        }
        assertThrows(IllegalArgumentException.class, () -> type.parse("maybe"));
    }

    @Test
    void durationsParseInIsoAndShortForms() {
        TaskFamily f = TaskFamily.of(ParDur.class);
        assertEquals(Duration.ofSeconds(90), ((ParDur) f.instantiate(Map.of(), cli("ParDur", Map.of("dur", "90s")))).dur());
        assertEquals(Duration.ofHours(1), ((ParDur) f.instantiate(Map.of(), cli("ParDur", Map.of("dur", "PT1H")))).dur());
        assertEquals(Duration.ofMinutes(90), ((ParDur) f.instantiate(Map.of(), cli("ParDur", Map.of("dur", "1h30m")))).dur());
        assertEquals(Duration.ofMinutes(5), ((ParDur) f.instantiate(Map.of(), cli("ParDur", Map.of("dur", "5m")))).dur());
        assertEquals(Duration.ofDays(2), ((ParDur) f.instantiate(Map.of(), cli("ParDur", Map.of("dur", "2d")))).dur());
        assertThrows(ParameterException.class, () -> f.instantiate(Map.of(), cli("ParDur", Map.of("dur", "soon"))));
        assertThrows(ParameterException.class, () -> f.instantiate(Map.of(), cli("ParDur", Map.of("dur", "90x"))));
    }

    @Test
    void millisecondDurationsParse() {
        // ParameterTypes' short form lists "ms" among its units (d|h|m|s|ms) and maps it to millis.
        ParameterType type = ParameterTypes.forType(Duration.class);
        assertEquals(Duration.ofMillis(500), type.parse("500ms"));
        assertEquals(Duration.ofSeconds(1).plusMillis(250), type.parse("1s250ms"));
    }

    @Test
    void valuesSerializeBackToTextThatParsesToTheSameValue() {
        ParAll t = new ParAll("x y", -3, 5L, 0.25, false, ParColor.RED, LocalDate.of(2020, 1, 2),
                LocalDateTime.of(2020, 1, 2, 3, 4, 5), Duration.ofMinutes(90), List.of(3, 1), Map.of("k", "v"));
        TaskFamily f = TaskFamily.of(ParAll.class);
        Map<String, String> text = f.textValues(t, false);
        assertEquals(t, f.instantiate(Map.of(), cli("ParAll", text)));
    }

    @Test
    void aTaskParameterParsesFromTypeAndParams() {
        TaskFamily outer = TaskFamily.of(ParOuter.class);
        ParOuter fromText = (ParOuter) outer.instantiate(Map.of(),
                cli("ParOuter", Map.of("inner", "{\"type\":\"ParInner\",\"params\":{\"n\":\"5\",\"tag\":\"y\"}}")));
        assertEquals(new ParOuter(new ParInner(5, "y")), fromText);

        ParOuter numberAndDefault = (ParOuter) outer.instantiate(Map.of(),
                cli("ParOuter", Map.of("inner", "{\"type\":\"ParInner\",\"params\":{\"n\":6}}")));
        assertEquals(new ParOuter(new ParInner(6, "x")), numberAndDefault, "JSON numbers work; defaults fill in");

        ParAnyTask any = (ParAnyTask) TaskFamily.of(ParAnyTask.class).instantiate(Map.of(),
                cli("ParAnyTask", Map.of("task", "{\"type\":\"ParInner\",\"params\":{\"n\":1}}")));
        assertEquals(new ParInner(1, "x"), any.task());

        ParameterException wrongType = assertThrows(ParameterException.class, () -> outer.instantiate(Map.of(),
                cli("ParOuter", Map.of("inner", "{\"type\":\"ParNone\"}"))));
        assertTrue(wrongType.getMessage().contains("ParNone"), wrongType.getMessage());
    }

    // ---- error messages --------------------------------------------------------------------------

    @Test
    void aBadValueNamesFamilyParameterTypeAndValue() {
        ParameterException e = assertThrows(ParameterException.class,
                () -> TaskFamily.of(ParRequired.class).instantiate(Map.of(), cli("ParRequired", Map.of("n", "forty-two"))));
        String m = e.getMessage();
        assertTrue(m.contains("ParRequired"), m);
        assertTrue(m.contains("'n'"), m);
        assertTrue(m.contains("int"), m);
        assertTrue(m.contains("forty-two"), m);
    }

    @Test
    void aBadValueFromTheConfigAlsoNamesWhereItCameFrom() {
        ParameterException e = assertThrows(ParameterException.class, () -> TaskFamily.of(ParAll.class)
                .instantiate(Map.of("s", "x", "i", 1, "l", 1L, "d", 1.0, "b", true, "color", ParColor.RED,
                        "time", LocalDateTime.MIN, "dur", Duration.ZERO, "ints", List.of(), "map", Map.of()),
                        sources(Map.of(), Map.of("ParAll", Map.of("date", "2024-13-45")))));
        String m = e.getMessage();
        assertTrue(m.contains("ParAll"), m);
        assertTrue(m.contains("'date'"), m);
        assertTrue(m.contains("LocalDate"), m);
        assertTrue(m.contains("2024-13-45"), m);
        assertTrue(m.contains("[ParAll]"), "names the config section: " + m);
    }

    @Test
    void badListEnumAndMapValuesNameTheirTypes() {
        TaskFamily f = TaskFamily.of(ParAll.class);
        Map<String, Object> rest = new LinkedHashMap<>(Map.of("s", "x", "i", 1, "l", 1L, "d", 1.0, "b", true,
                "date", LocalDate.MIN, "time", LocalDateTime.MIN, "dur", Duration.ZERO));
        Map<String, Object> withMap = new LinkedHashMap<>(rest);
        withMap.put("map", Map.of());
        withMap.put("color", ParColor.RED);
        ParameterException list = assertThrows(ParameterException.class,
                () -> f.instantiate(withMap, cli("ParAll", Map.of("ints", "[1, \"two\"]"))));
        assertTrue(list.getMessage().contains("'ints'") && list.getMessage().contains("List<Integer>"), list.getMessage());

        Map<String, Object> withList = new LinkedHashMap<>(rest);
        withList.put("ints", List.of());
        withList.put("map", Map.of());
        ParameterException color = assertThrows(ParameterException.class,
                () -> f.instantiate(withList, cli("ParAll", Map.of("color", "purple"))));
        assertTrue(color.getMessage().contains("ParColor") && color.getMessage().contains("purple"), color.getMessage());
    }

    @Test
    void aMissingValueNamesTheParameterAndHowToGiveIt() {
        ParameterException e = assertThrows(ParameterException.class,
                () -> TaskFamily.of(ParRequired.class).instantiate(Map.of(), sources(Map.of(), Map.of())));
        assertTrue(e.getMessage().contains("ParRequired") && e.getMessage().contains("'n'")
                && e.getMessage().contains("--n"), e.getMessage());
    }

    @Test
    void aWrongTypedValueFromCodeIsParsedOrRejectedByName() {
        // Either reading "5" as the int 5 or a ParameterException naming family, parameter and type is
        // acceptable; a bare reflection error that names neither is not.
        try {
            assertEquals(new ParRequired(5), Tasks.create(ParRequired.class, "n", "5"));
        } catch (ParameterException e) {
            assertTrue(e.getMessage().contains("ParRequired") && e.getMessage().contains("'n'")
                    && e.getMessage().contains("int"), e.getMessage());
        }
    }

    @Test
    void anUnknownParameterNameIsRejected() {
        ParameterException e = assertThrows(ParameterException.class,
                () -> TaskFamily.of(ParRequired.class).instantiate(Map.of("m", 1), sources(Map.of(), Map.of())));
        assertTrue(e.getMessage().contains("'m'") && e.getMessage().contains("n (int)"), e.getMessage());
    }

    // ---- precedence: code > command line > config > default --------------------------------------

    @Test
    void defaultApplies() {
        ParPrec t = (ParPrec) TaskFamily.of(ParPrec.class).instantiate(Map.of(), sources(Map.of(), Map.of()));
        assertEquals("default", t.v());
        assertEquals(1, t.other());
    }

    @Test
    void configBeatsDefault() {
        ParPrec t = (ParPrec) TaskFamily.of(ParPrec.class).instantiate(Map.of(),
                sources(Map.of(), Map.of("ParPrec", Map.of("v", "config"))));
        assertEquals("config", t.v());
        assertEquals(1, t.other());
    }

    @Test
    void commandLineBeatsConfig() {
        ParPrec t = (ParPrec) TaskFamily.of(ParPrec.class).instantiate(Map.of(),
                sources(Map.of("ParPrec", Map.of("v", "cli")), Map.of("ParPrec", Map.of("v", "config", "other", "7"))));
        assertEquals("cli", t.v());
        assertEquals(7, t.other(), "the config still supplies what the command line does not");
    }

    @Test
    void codeBeatsEverything() {
        ParameterSources all = sources(Map.of("ParPrec", Map.of("v", "cli")), Map.of("ParPrec", Map.of("v", "config")));
        ParPrec t = (ParPrec) TaskFamily.of(ParPrec.class).instantiate(Map.of("v", "code"), all);
        assertEquals("code", t.v());

        ParameterSources before = ParameterSources.current();
        try (ParameterSources.Scope scope = ParameterSources.use(all)) {
            assertEquals(new ParPrec("code", 1), Tasks.create(ParPrec.class, "v", "code"));
            assertEquals(new ParPrec("cli", 1), Tasks.create(ParPrec.class));
            assertEquals(new ParPrec("cli", 9), Tasks.create(ParPrec.class, "other", 9));
        }
        assertTrue(before == ParameterSources.current(), "the scope restores the previous sources");
        assertEquals(new ParPrec("default", 1), Tasks.create(ParPrec.class));
    }

    @Test
    void namesMatchInAnySpelling() {
        ParPrec t = (ParPrec) TaskFamily.of(ParPrec.class).instantiate(Map.of(),
                sources(Map.of(), Map.of("ParPrec", Map.of("OTHER", "5"))));
        assertEquals(5, t.other());
    }

    // ---- identity ----------------------------------------------------------------------------------

    @Test
    void insignificantParametersAreLeftOutOfTheId() {
        ParInsig a = new ParInsig(1, "first note");
        ParInsig b = new ParInsig(1, "second note");
        assertNotEquals(a, b, "the records differ");
        assertEquals(a.id(), b.id(), "but the ids do not");
        assertEquals(a.id().hash(), b.id().hash());
        assertEquals(a.id().value(), b.id().value());
        assertEquals(Map.of("n", "1"), a.id().parameters());
        assertEquals("ParInsig(n=1)", a.id().display());
        assertNotEquals(a.id(), new ParInsig(2, "first note").id());
    }

    @Test
    void tasksDifferingOnlyInAnInsignificantParameterRunOnce() {
        String dir = tmp.toAbsolutePath().toString();
        RunResult result = Driver.builder().build().run(new ParWrites(dir, 1, "a"), new ParWrites(dir, 1, "b"));
        assertEquals(1, result.outcomes().size());
        assertEquals(1, result.ranCount());
    }

    @Test
    void nestedTaskParametersArePartOfTheOuterId() {
        ParOuter one = new ParOuter(new ParInner(1, "x"));
        ParOuter two = new ParOuter(new ParInner(2, "x"));
        ParOuter otherTag = new ParOuter(new ParInner(1, "y"));
        assertNotEquals(one.id(), two.id());
        assertNotEquals(one.id().hash(), two.id().hash());
        assertNotEquals(one.id(), otherTag.id());
        assertEquals(one.id(), new ParOuter(new ParInner(1, "x")).id());
        assertEquals(one.id().hash(), new ParOuter(new ParInner(1, "x")).id().hash());
    }

    @Test
    void mapParametersHaveOneIdWhateverTheKeyOrder() {
        Map<String, String> ab = new LinkedHashMap<>();
        ab.put("a", "1");
        ab.put("b", "2");
        Map<String, String> ba = new LinkedHashMap<>();
        ba.put("b", "2");
        ba.put("a", "1");
        ParAll x = new ParAll("s", 1, 1, 1, true, ParColor.RED, LocalDate.MIN, LocalDateTime.MIN, Duration.ZERO, List.of(), ab);
        ParAll y = new ParAll("s", 1, 1, 1, true, ParColor.RED, LocalDate.MIN, LocalDateTime.MIN, Duration.ZERO, List.of(), ba);
        assertEquals(x.id(), y.id());
        assertEquals(x.id().hash(), y.id().hash());
    }

    @Test
    void hashIsSha256OfTheCanonicalJsonOfTheParameters() throws Exception {
        TaskId id = new ParHash("hello", 42, List.of("a", "b")).id();
        // Keys sorted; every value is a JSON string holding the parameter's canonical text.
        String canonical = "{\"count\":\"42\",\"name\":\"hello\",\"tags\":\"[\\\"a\\\",\\\"b\\\"]\"}";
        assertEquals(sha256Prefix(canonical), id.hash());
        assertEquals("efccaa12bb", id.hash(), "stable across JVMs and runs (computed with sha256sum)");
        assertEquals(10, id.hash().length());
    }

    @Test
    void hashEscapesQuotesAndBackslashesAsJson() throws Exception {
        TaskId id = new ParHashText("say \"hi\" \\ now").id();
        String canonical = "{\"text\":\"say \\\"hi\\\" \\\\ now\"}";
        assertEquals(sha256Prefix(canonical), id.hash());
        assertEquals("690885b8e8", id.hash());
    }

    @Test
    void hashOfATaskWithoutParametersIsThatOfTheEmptyObject() throws Exception {
        TaskId id = new ParNone().id();
        assertEquals(sha256Prefix("{}"), id.hash());
        assertEquals("44136fa355", id.hash());
        assertEquals("ParNone()", id.display());
    }

    @Test
    void theIdValueReadsLikeLuigis() {
        TaskId id = new ParHash("hello", 42, List.of("a", "b")).id();
        assertEquals("ParHash", id.family());
        assertTrue(id.value().startsWith("ParHash_"), id.value());
        assertTrue(id.value().endsWith("_efccaa12bb"), id.value());
        assertTrue(id.value().matches("[A-Za-z0-9_]+"), id.value());
        assertEquals("ParHash(name=hello, count=42, tags=[\"a\",\"b\"])", id.display());
    }
}
