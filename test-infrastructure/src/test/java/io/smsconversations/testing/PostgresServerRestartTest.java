package io.smsconversations.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.Test;

/** The fault run stops PostgreSQL and starts it again: same port, same data, and nothing in between. */
class PostgresServerRestartTest {

    @Test
    void aStoppedServerRefusesConnectionsAndComesBackOnItsPortWithItsData() throws SQLException {
        try (PostgresServer server = PostgresServer.start(0, null)) {
            ServiceDatabase db = server.database("restarted", true);
            try (Connection connection = connect(db); Statement sql = connection.createStatement()) {
                sql.execute("CREATE TABLE kept (id INT PRIMARY KEY)");
                sql.execute("INSERT INTO kept VALUES (42)");
            }

            server.stop();
            assertThat(server.isRunning()).isFalse();
            assertThatThrownBy(() -> connect(db).close()).isInstanceOf(SQLException.class)
                    .extracting(e -> ((SQLException) e).getSQLState()).asString().startsWith("08");

            server.start();
            assertThat(server.port()).isEqualTo(db.port());
            try (Connection connection = connect(db); Statement sql = connection.createStatement();
                    var rows = sql.executeQuery("SELECT id FROM kept")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getInt(1)).isEqualTo(42);
            }
        }
    }

    private static Connection connect(ServiceDatabase db) throws SQLException {
        return DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
    }
}
