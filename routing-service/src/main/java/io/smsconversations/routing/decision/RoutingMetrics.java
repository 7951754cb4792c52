package io.smsconversations.routing.decision;

import java.util.EnumMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;

/**
 * {@code routing_decisions_total{rule=...}} (one series per rule, registered at start so dashboards see zeros) and
 * {@code routing_leads_created_total}.
 */
@Startup
@ApplicationScoped
public class RoutingMetrics {

    private final Map<DecidingRule, Counter> decisions = new EnumMap<>(DecidingRule.class);
    private final Counter leadsCreated;

    public RoutingMetrics(MeterRegistry registry) {
        for (DecidingRule rule : DecidingRule.values()) {
            decisions.put(rule, Counter.builder("routing.decisions")
                    .description("Inbound messages routed, by the rule that decided")
                    .tag("rule", rule.key())
                    .register(registry));
        }
        leadsCreated = Counter.builder("routing.leads.created")
                .description("Leads created for replies from unknown numbers")
                .register(registry);
    }

    public void decided(DecidingRule rule) {
        decisions.get(rule).increment();
    }

    public void leadCreated() {
        leadsCreated.increment();
    }
}
