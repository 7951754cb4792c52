package io.smsconversations.gateway;

import static io.restassured.RestAssured.given;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads one counter from the Prometheus endpoint. */
public final class Metrics {

    private Metrics() {
    }

    /**
     * The value of {@code name} with exactly these labels (written as Prometheus does), 0 when absent. A counter
     * incremented inside a trace (a Kafka consumer's) carries an OpenMetrics exemplar after its value.
     */
    public static double counter(String name, String labels) {
        String text = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher line = Pattern.compile("^" + Pattern.quote(name + "{" + labels + "}") + " (\\S+)(?: #.*)?$", Pattern.MULTILINE)
                .matcher(text);
        return line.find() ? Double.parseDouble(line.group(1)) : 0;
    }
}
