package io.smsconversations.routing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.smsconversations.testing.SuiteInfrastructureResource;

@QuarkusTest
@WithTestResource(value = SuiteInfrastructureResource.class,
        initArgs = @ResourceArg(name = SuiteInfrastructureResource.DATABASE, value = "routing"))
@WithTestResource(OidcWiremockTestResource.class)
class OperationsTest {

    @Test
    void readinessCoversKafkaAndTheDatabase() {
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body(containsString("Database connections health check"))
                .body(containsString("Reactive PostgreSQL connections health check"))
                .body(containsString("SmallRye Reactive Messaging - readiness check"));
    }

    @Test
    void publishesOpenApiAndPrometheusMetrics() {
        given().when().get("/q/openapi").then().statusCode(200);
        given().when().get("/q/metrics").then().statusCode(200).body(containsString("jvm_"))
                .body(containsString("routing_decisions_total{rule=\"rule-4\"}"))
                .body(containsString("routing_decisions_total{rule=\"new-lead\"}"))
                .body(containsString("routing_leads_created_total"));
    }

    @Test
    void theOpenApiDocumentDescribesTheAdminApi() {
        given().when().get("/q/openapi?format=json").then().statusCode(200)
                .body(containsString("/api/admin/records/{id}"))
                .body(containsString("/api/admin/business-numbers/{number}"))
                .body(containsString("Directory administration"));
    }

    /**
     * The operations of the OpenAPI document (method, path, parameters, bodies, response codes, what a
     * success answers, security requirements, tags) are the ones
     * listed in {@code openapi-operations.txt}: moving the annotations (to the resources' interfaces) or editing them
     * must not drop or add one unnoticed. The whole document is written to {@code target/openapi.json} for a diff.
     */
    @Test
    void theOpenApiDocumentKeepsItsOperations() throws IOException {
        String document = given().when().get("/q/openapi?format=json").then().statusCode(200).extract().asString();
        Files.writeString(Path.of("target/openapi.json"), document);
        JsonNode paths = new ObjectMapper()
                .readTree(document).path("paths");
        List<String> operations = new ArrayList<>();
        paths.fieldNames().forEachRemaining(path -> paths.get(path).fields().forEachRemaining(method -> {
            JsonNode op = method.getValue();
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
            operations.add(method.getKey().toUpperCase(Locale.ROOT) + " " + path + " params=" + sorted(params)
                    + " body=" + sorted(bodies) + " responses=" + sorted(responses) + " media=" + sorted(media)
                    + " security=" + sorted(security) + " tags=" + String.join(",", tags));
        }));
        List<String> expected = Files.readAllLines(
                Path.of("src/test/resources/openapi-operations.txt"));
        assertThat(operations).containsExactlyInAnyOrderElementsOf(expected);
    }

    private static String sorted(List<String> values) {
        return String.join(",", values.stream().sorted().toList());
    }
}
