package io.cascata.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Task ids order as their display texts read and are equal by family and parameter values. */
class TaskIdTest {

    private static TaskId id(String family, String... namesAndValues) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            parameters.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return new TaskId(family, parameters);
    }

    @Test
    void idsOrderAsTheirDisplayTextsWithinAFamilyAndByFamilyFirst() {
        List<TaskId> ids = new ArrayList<>(List.of(
                id("Leaf", "i", "10", "dir", "out"), id("Leaf", "i", "9", "dir", "out"), id("Leaf", "i", "1", "dir", "out"),
                id("Leaf", "i", "1"), id("Leaf", "i", "1", "dir", "a"), id("Leaf"), id("Leaf", "i", ""),
                id("Leaf", "j", "1"), id("Leaf", "i", "1,", "dir", "out"), id("Mid", "g", "0"), id("Le", "i", "1")));
        for (TaskId a : ids) {
            for (TaskId b : ids) {
                int expected = a.family().equals(b.family())
                        ? Integer.signum(a.display().compareTo(b.display()))
                        : Integer.signum(a.family().compareTo(b.family()));
                assertEquals(expected, Integer.signum(a.compareTo(b)), a.display() + " against " + b.display());
            }
        }
    }

    @Test
    void theSameParametersInAnotherOrderMakeTheSameId() {
        TaskId a = id("Leaf", "i", "1", "dir", "out");
        TaskId b = id("Leaf", "dir", "out", "i", "1");
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertEquals(a.hash(), b.hash());
        assertEquals(Map.of("i", "1", "dir", "out"), a.parameters());
        assertNotEquals(a, id("Leaf", "i", "2", "dir", "out"));
        assertNotEquals(a, id("Other", "i", "1", "dir", "out"));
    }

    /** Ids are kept in the run history and output manifests: their text must not change between versions. */
    @Test
    void theHashAndValueAreSha256OfTheCanonicalJsonAsEverBefore() {
        TaskId leaf = id("Leaf", "i", "7", "dir", "out/fan in");
        assertEquals("2d43707d30", leaf.hash()); // sha256('{"dir":"out/fan in","i":"7"}')
        assertEquals("Leaf_out_fan_in_7_2d43707d30", leaf.value());
        TaskId odd = id("Odd", "zeta", "a\"b", "alpha", "line\nnext", "mid", "x");
        assertEquals("52f0308e8b", odd.hash()); // sha256('{"alpha":"line\\nnext","mid":"x","zeta":"a\\"b"}')
        assertEquals("{\"alpha\":\"line\\nnext\",\"mid\":\"x\",\"zeta\":\"a\\\"b\"}", odd.canonicalJson());
        assertEquals(TaskId.sha256Hex(odd.canonicalJson()).substring(0, 10), odd.hash());
        assertEquals("Odd_line_next_x_a_b_52f0308e8b", odd.value());
        assertEquals("Plain__" + TaskId.sha256Hex("{}").substring(0, 10), id("Plain").value());
        // each char outside [A-Za-z0-9_] is one '_' (a surrogate pair two), the first 3 values cut at 16 chars
        TaskId wide = id("Wide", "a", "caf\u00e9 \uD83D\uDE00", "b", "x".repeat(40), "c", "third", "d", "fourth");
        assertEquals("Wide_" + "caf____" + "_" + "x".repeat(16) + "_third_" + wide.hash(), wide.value());
    }
}
