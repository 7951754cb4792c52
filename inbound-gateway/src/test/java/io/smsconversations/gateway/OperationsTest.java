package io.smsconversations.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smsconversations.testing.OpenApiOperations;

@QuarkusTest
@WithTestResource(GatewayTestResource.class)
class OperationsTest {

    @Test
    void readinessCoversOnlyWhatWebhooksNeedAndTheSendingGroupTheRest() {
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body(containsString("inbound-messages"))
                .body(containsString("delivery-reports"))
                .body(not(containsString("send-requests")))
                .body(not(containsString("send-results")))
                .body(not(containsString("PostgreSQL")));
        given().when().get("/q/health/group/sending").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks[0].data.ledger-database", equalTo("UP"))
                .body("checks[0].data.send-requests", equalTo("connected"))
                .body("checks[0].data.send-results", equalTo("connected"))
                .body("checks[0].data.draining", equalTo(false));
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void documentsTheWebhookInOpenApi() {
        String path = "paths.'/webhooks/twilio/messages'.post";
        given().queryParam("format", "json").when().get("/q/openapi").then().statusCode(200)
                .body(path + ".responses", hasKey("200"))
                .body(path + ".responses", hasKey("400"))
                .body(path + ".responses", hasKey("403"))
                .body(path + ".responses", hasKey("503"))
                .body(path + ".responses.'200'.content", hasKey("text/xml"))
                .body(path + ".responses.'403'.content", hasKey("application/problem+json"))
                .body(path + ".responses.'503'.headers", hasKey("Retry-After"))
                .body(path + ".parameters.findAll { it.name == 'X-Twilio-Signature' }.size()", equalTo(1))
                .body(path + ".parameters.find { it.name == 'X-Twilio-Signature' }.in", equalTo("header"))
                .body(path + ".parameters.find { it.name == 'X-Twilio-Signature' }.required", equalTo(true))
                .body(path + ".requestBody.content", hasKey("application/x-www-form-urlencoded"));
    }

    @Test
    void documentsTheDisabledProviderAnswerAndTheCloudEventsHandshake() {
        var openApi = given().queryParam("format", "json").when().get("/q/openapi").then().statusCode(200);
        for (String operation : new String[] { "'/webhooks/twilio/messages'.post", "'/webhooks/twilio/status'.post",
                "'/webhooks/vonage/inbound'.get", "'/webhooks/vonage/delivery-receipt'.post",
                "'/webhooks/acs/events'.post", "'/webhooks/infobip/inbound'.post",
                "'/webhooks/telesign/callbacks'.post", "'/webhooks/linkmobility/delivery-reports'.post",
                "'/webhooks/linkmobility/inbound'.post" }) {
            openApi.body("paths." + operation + ".responses", hasKey("404"));
        }
        String options = "paths.'/webhooks/acs/events'.options";
        openApi.body(options + ".responses.'200'.headers", hasKey("WebHook-Allowed-Origin"))
                .body(options + ".responses.'200'.headers", hasKey("WebHook-Allowed-Rate"))
                .body("paths.'/webhooks/acs/events'.post.requestBody.content", hasKey("application/cloudevents+json"))
                .body("paths.'/webhooks/acs/events'.post.requestBody.content",
                        hasKey("application/cloudevents-batch+json"));
    }

    /**
     * The operations of the OpenAPI document (method, path, parameters, bodies, response codes, what a success
     * answers, security requirements, tags) are the ones recorded in {@code openapi-operations.txt} before the
     * annotations moved to the resources' {@code *Api} interfaces: moving or editing them must not drop or add one
     * unnoticed. The whole document is written to {@code target/openapi.json} for a diff.
     */
    @Test
    void theOpenApiDocumentKeepsItsOperations() {
        String document = given().when().get("/q/openapi?format=json").then().statusCode(200).extract().asString();
        assertThat(OpenApiOperations.of(document)).containsExactlyInAnyOrderElementsOf(OpenApiOperations.recorded());
    }

    @Test
    void exposesPrometheusMetricsIncludingRefusedWebhooks() {
        double before = Metrics.counter("gateway_webhook_rejected_total",
                "provider=\"twilio\",reason=\"signature-missing\"");

        given().contentType("application/x-www-form-urlencoded").body("MessageSid=SMx")
                .when().post("/webhooks/twilio/messages").then().statusCode(403);

        given().when().get("/q/metrics").then().statusCode(200).body(containsString("jvm_"));
        assertThat(Metrics.counter("gateway_webhook_rejected_total",
                "provider=\"twilio\",reason=\"signature-missing\"")).isEqualTo(before + 1);
    }
}
