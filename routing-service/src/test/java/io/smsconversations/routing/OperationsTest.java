package io.smsconversations.routing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.smsconversations.testing.OpenApiOperations;
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
    void theOpenApiDocumentKeepsItsOperations() {
        String document = given().when().get("/q/openapi?format=json").then().statusCode(200).extract().asString();
        assertThat(OpenApiOperations.of(document)).containsExactlyInAnyOrderElementsOf(OpenApiOperations.recorded());
    }
}
