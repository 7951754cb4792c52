package io.smsconversations.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("fast")
class NativeQueryRuleTest {

    @Test
    void aScalarResultClassIsFoundWithItsLineAndAnObjectResultIsNot(@TempDir Path sources) throws IOException {
        Files.writeString(sources.resolve("Store.java"), """
                class Store {
                    Object ok = session.createNativeQuery(LOCK, Object.class);
                    Object row = session.createNativeQuery(ROW, Object[].class);
                    Object bad = session.createNativeQuery(INSERT,
                            Long.class);
                    Object generic = session.createNativeQuery(sql, type).getResultList();
                }
                """);
        assertThat(NativeQueryRule.scalarResultClasses(sources))
                .containsExactly("Store.java:4 asks for Long", "Store.java:6 asks for type");
    }
}
