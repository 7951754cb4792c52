package io.smsconversations.restproblems;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;

import jakarta.ws.rs.core.Response;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkiverse.resteasy.problem.HttpProblem;

/** The builder alone, without a running service: what each call puts in the problem, and what it refuses. */
@Tag("fast")
class ProblemTest {

    @Test
    void aProblemWithoutATitleOfItsOwnIsTitledByItsStatus() {
        HttpProblem problem = Problem.of(Response.Status.CONFLICT).detail("already named 'Sales'").build();

        assertThat(problem.getStatusCode()).isEqualTo(409);
        assertThat(problem.getTitle()).isEqualTo("Conflict");
        assertThat(problem.getDetail()).isEqualTo("already named 'Sales'");
        assertThat(problem.getType()).isNull();
        assertThat(problem.getParameters()).isEmpty();
    }

    @Test
    void aStatusJaxRsHasNoConstantForStillGetsItsStandardTitle() {
        assertThat(Problem.of(422).build().getTitle()).isEqualTo("Unprocessable Entity");
        assertThat(Problem.of(429).title(" ").build().getTitle()).isEqualTo("Too Many Requests");
    }

    @Test
    void aProblemTypeOfItsOwnCarriesTheSuitesSchemeAndItsTitle() {
        HttpProblem problem = Problem.of(409).type("recipient-opted-out").title("Recipient opted out")
                .detail("nothing was sent").build();

        assertThat(problem.getType())
                .isEqualTo(URI.create("https://sms-conversations.io/problems/recipient-opted-out"));
        assertThat(problem.getTitle()).isEqualTo("Recipient opted out");
    }

    @Test
    void reasonAndOtherExtensionMembersStandBesideTheDetail() {
        HttpProblem problem = Problem.of(400).detail("no such placeholder").reason("unknown-placeholder")
                .with("field", "body").with("placeholders", List.of("{{nmae}}")).build();

        assertThat(problem.getParameters())
                .containsEntry("reason", "unknown-placeholder")
                .containsEntry("field", "body")
                .containsEntry("placeholders", List.of("{{nmae}}"));
    }

    @Test
    void headersTravelWithTheProblem() {
        HttpProblem problem = Problem.of(503).header("Retry-After", "5").build();

        assertThat(problem.getHeaders()).containsEntry("Retry-After", "5");
    }

    @Test
    void aTypeSlugThatIsNotLowerCaseWordsIsRefused() {
        for (String slug : List.of("Recipient-Opted-Out", "opted out", "opted--out", "-opted", "", "a/b")) {
            assertThatThrownBy(() -> Problem.of(400).type(slug))
                    .as(slug).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lower-case");
        }
        assertThatThrownBy(() -> Problem.typeUri(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void aStatusThatIsNoErrorIsRefused() {
        assertThatThrownBy(() -> Problem.of(200)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("200");
        assertThatThrownBy(() -> Problem.of(600)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aStandardMemberCannotBeSmuggledInAsAnExtension() {
        assertThatThrownBy(() -> Problem.of(400).with("status", 500)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Problem.of(400).with("detail", "x")).isInstanceOf(IllegalArgumentException.class);
    }
}
