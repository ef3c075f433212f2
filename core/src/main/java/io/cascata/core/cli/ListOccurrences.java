package io.cascata.core.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.cascata.core.json.Json;
import java.util.List;

/**
 * The text of a list parameter given more than once on the command line ({@code --days 2024-01-01
 * --days 2024-01-02}): one JSON list of every occurrence's elements, in order. An occurrence that
 * is a JSON list gives its elements; any other gives one element, a JSON value if it reads as one
 * (a number, say) and a string if not. A single occurrence is left as it was written, so that its
 * errors name the value the user typed.
 */
final class ListOccurrences {

    private ListOccurrences() {
    }

    static String join(List<?> occurrences) {
        if (occurrences.size() == 1) {
            return String.valueOf(occurrences.get(0));
        }
        ArrayNode all = Json.mapper().createArrayNode();
        for (Object occurrence : occurrences) {
            JsonNode node = read(String.valueOf(occurrence));
            if (node.isArray()) {
                all.addAll((ArrayNode) node);
            } else {
                all.add(node);
            }
        }
        return all.toString();
    }

    private static JsonNode read(String text) {
        try {
            JsonNode node = Json.mapper().readTree(text);
            return node == null || node.isMissingNode() ? TextNode.valueOf(text) : node;
        } catch (JsonProcessingException notJson) {
            return TextNode.valueOf(text);
        }
    }
}
