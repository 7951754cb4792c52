package io.smsconversations.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.smsconversations.testing.NativeQueryRule;

/** See {@link NativeQueryRule}: a scalar result class floods Hibernate's plan cache, one entry per execution. */
@Tag("fast")
class NativeQueriesTest {

    @Test
    void noNativeQueryAsksForAScalarResultClass() {
        assertThat(NativeQueryRule.scalarResultClasses(Path.of("src/main/java"))).isEmpty();
    }
}
