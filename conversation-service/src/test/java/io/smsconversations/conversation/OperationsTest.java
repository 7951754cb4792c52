package io.smsconversations.conversation;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.smsconversations.testing.OpenApiOperations;
import io.smsconversations.testing.SuiteInfrastructureResource;

@QuarkusTest
@WithTestResource(value = SuiteInfrastructureResource.class,
        initArgs = @ResourceArg(name = SuiteInfrastructureResource.DATABASE, value = "conversation"))
@WithTestResource(OidcWiremockTestResource.class)
class OperationsTest {

    @Test
    void readinessCoversKafkaAndTheDatabase() {
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body(containsString("Database connections health check"))
                .body(containsString("Reactive PostgreSQL connections health check"))
                .body(containsString("SmallRye Reactive Messaging"))
                .body(containsString("message-attachments"))
                .body(containsString("outbox"))
                .body(containsString("send-results"));
    }

    @Test
    void publishesOpenApiAndPrometheusMetrics() {
        given().when().get("/q/openapi").then().statusCode(200)
                .body(containsString("/api/conversations/{id}/messages"))
                .body(containsString("bearer"));
        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("jvm_"))
                .body(containsString("conversation_messages_stored_total"));
    }

    /**
     * The operations of the OpenAPI document (method, path, parameters, bodies, response codes, what a success
     * answers, security requirements, tags) are the ones listed in {@code openapi-operations.txt}, recorded before the
     * annotations moved to the resources' {@code *Api} interfaces: moving or editing them must not drop or add one
     * unnoticed. The actual list is written to {@code target/openapi-operations.txt} (and the document to
     * {@code target/openapi.json}) for a diff.
     */
    @Test
    void theOpenApiDocumentKeepsItsOperations() throws IOException {
        String document = given().when().get("/q/openapi?format=json").then().statusCode(200).extract().asString();
        List<String> operations = OpenApiOperations.of(document);
        Files.write(Path.of("target/openapi-operations.txt"), operations);
        assertThat(operations).containsExactlyInAnyOrderElementsOf(OpenApiOperations.recorded());
    }
}
