package io.smsconversations.console.settings;

import java.net.URI;
import java.util.LinkedHashSet;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.vertx.http.runtime.filters.Filters;

/**
 * Headers on every answer of the console. The Content-Security-Policy lets the page run only its own scripts and talk
 * only to the two APIs and the OIDC provider it is configured with, so an injected script could neither load code
 * nor send a token elsewhere. The page itself is never stored by a cache: a seller's data lives only in the memory
 * of the page that signed in.
 */
@ApplicationScoped
public class SecurityHeaders {

    private final String policy;

    public SecurityHeaders(ConsoleSettings settings) {
        this.policy = policy(settings);
    }

    void register(@Observes Filters filters) {
        filters.register(context -> {
            var headers = context.response().headers();
            headers.set("Content-Security-Policy", policy);
            headers.set("X-Content-Type-Options", "nosniff");
            headers.set("Referrer-Policy", "no-referrer");
            String path = context.normalizedPath();
            if (path.equals("/") || path.endsWith(".html")) {
                headers.set("Cache-Control", "no-store");
            }
            context.next();
        }, 10);
    }

    static String policy(ConsoleSettings settings) {
        Set<String> connect = new LinkedHashSet<>();
        connect.add("'self'");
        connect.add(origin(settings.conversationApiUrl()));
        connect.add(origin(settings.notificationApiUrl()));
        connect.add(origin(settings.oidc().authority()));
        return "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                + "connect-src " + String.join(" ", connect) + "; form-action 'self' "
                + origin(settings.oidc().authority()) + "; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";
    }

    private static String origin(String url) {
        URI uri = URI.create(url);
        return uri.getScheme() + "://" + uri.getAuthority();
    }
}
