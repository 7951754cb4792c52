package io.smsconversations.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The operations of an OpenAPI document, one line each (method, path, parameters, bodies, response codes, what a
 * success answers, security requirements, tags), so that a service's test can compare them with a recorded list
 * ({@code src/test/resources/openapi-operations.txt}): moving or editing annotations must not drop or add one
 * unnoticed.
 */
public final class OpenApiOperations {

    private OpenApiOperations() {
    }

    /** The document's operations; the whole document is also written to {@code target/openapi.json} for a diff. */
    public static List<String> of(String document) {
        try {
            Files.writeString(Path.of("target/openapi.json"), document);
            JsonNode paths = new ObjectMapper().readTree(document).path("paths");
            List<String> operations = new ArrayList<>();
            paths.fieldNames().forEachRemaining(path -> paths.get(path).fields().forEachRemaining(method -> operations
                    .add(method.getKey().toUpperCase(Locale.ROOT) + " " + path + describe(method.getValue()))));
            return operations;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The recorded list the document must match. */
    public static List<String> recorded() {
        try {
            return Files.readAllLines(Path.of("src/test/resources/openapi-operations.txt"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String describe(JsonNode op) {
        List<String> params = new ArrayList<>();
        op.path("parameters").forEach(p -> params.add(p.path("in").asText() + ":" + p.path("name").asText()));
        List<String> bodies = new ArrayList<>();
        op.path("requestBody").path("content").fieldNames().forEachRemaining(bodies::add);
        List<String> responses = new ArrayList<>();
        op.path("responses").fieldNames().forEachRemaining(responses::add);
        List<String> media = new ArrayList<>();
        // what a success answers; the media types of refusals are the problem extension's business
        op.path("responses").fields().forEachRemaining(response -> response.getValue().path("content")
                .fieldNames().forEachRemaining(type -> {
                    if (response.getKey().startsWith("2")) {
                        media.add(response.getKey() + ":" + type);
                    }
                }));
        List<String> security = new ArrayList<>();
        op.path("security").forEach(requirement -> requirement.fields().forEachRemaining(scheme -> {
            List<String> scopes = new ArrayList<>();
            scheme.getValue().forEach(scope -> scopes.add(scope.asText()));
            security.add(scheme.getKey() + ":" + String.join("|", scopes));
        }));
        List<String> tags = new ArrayList<>();
        op.path("tags").forEach(t -> tags.add(t.asText()));
        return " params=" + sorted(params) + " body=" + sorted(bodies) + " responses=" + sorted(responses)
                + " media=" + sorted(media) + " security=" + sorted(security) + " tags=" + String.join(",", tags);
    }

    private static String sorted(List<String> values) {
        return String.join(",", values.stream().sorted().toList());
    }
}
