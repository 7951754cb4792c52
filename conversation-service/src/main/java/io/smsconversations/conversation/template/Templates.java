package io.smsconversations.conversation.template;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.OptimisticLockException;

import org.hibernate.StaleStateException;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.smsconversations.conversation.access.Caller;
import io.smsconversations.events.RecordType;

/**
 * Stores templates and enforces who may do what (SPEC §5): every seller keeps personal templates; organisation
 * templates are offered to all and changed by sms-admins only. Someone else's personal template does not exist for
 * the caller (404); an organisation template a seller tries to change is forbidden (403).
 */
@ApplicationScoped
public class Templates {

    /** The caller's templates, optionally of one category and language (a tag also matches its sub-tags). */
    @WithSession
    public Uni<List<Template>> list(Caller caller, RecordType category, String language) {
        StringBuilder hql = new StringBuilder(
                "from Template t where (t.scope = :organisation or (t.scope = :personal and t.ownerSellerId = :me))");
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("organisation", TemplateScope.ORGANISATION);
        parameters.put("personal", TemplateScope.PERSONAL);
        parameters.put("me", caller.sellerId());
        if (category != null) {
            hql.append(" and t.category = :category");
            parameters.put("category", category);
        }
        if (language != null) {
            // RFC 4647 basic filtering: "en" finds en, en-US and en-GB; tags are canonical on both sides, and a
            // checked tag holds only letters, digits and hyphens, so it needs no LIKE escaping.
            hql.append(" and (t.language = :language or t.language like :languagePrefix)");
            parameters.put("language", language);
            parameters.put("languagePrefix", language + "-%");
        }
        hql.append(" order by t.name, t.id");
        return Template.<Template>find(hql.toString(), parameters).list();
    }

    /** The template, or null when it does not exist or is someone else's personal template. */
    @WithSession
    public Uni<Template> find(Caller caller, UUID id) {
        return Template.<Template>findById(id)
                .map(template -> template != null && TemplatePermissions.maySee(template, caller) ? template : null);
    }

    @WithTransaction
    public Uni<Template> create(Caller caller, TemplateRequest request) {
        return Uni.createFrom().item(() -> newTemplate(caller, request))
                .call(template -> template.persist())
                .call(() -> Panache.flush());
    }

    private static Template newTemplate(Caller caller, TemplateRequest request) {
        TemplateScope scope = request == null || request.scope() == null ? TemplateScope.PERSONAL : request.scope();
        if (scope == TemplateScope.ORGANISATION && !caller.admin()) {
            throw TemplateProblems.organisationTemplateForAdminsOnly("create");
        }
        TemplateRequest checked = TemplateRules.check(request);
        Template template = new Template();
        template.id = UUID.randomUUID();
        template.scope = scope;
        template.ownerSellerId = scope == TemplateScope.PERSONAL ? caller.sellerId() : null;
        template.createdBy = caller.sellerId();
        apply(template, checked, caller);
        template.createdAt = template.updatedAt;
        return template;
    }

    /**
     * Replaces the template's name, category, language and body. {@code expectedVersion} (from If-Match), when
     * given, must be the stored version; a concurrent update between our read and our write fails the same way.
     */
    @WithTransaction
    public Uni<Template> update(Caller caller, UUID id, TemplateRequest request, Long expectedVersion) {
        return Template.<Template>findById(id)
                .map(found -> {
                    Template template = TemplatePermissions.checkEditable(found, caller, "change");
                    TemplateRequest checked = TemplateRules.check(request);
                    if (checked.scope() != null && checked.scope() != template.scope) {
                        throw TemplateProblems.badRequest("scope-change", "scope", "The scope of a template stays "
                                + template.scope + "; create a new " + checked.scope() + " template instead");
                    }
                    checkVersion(template, expectedVersion);
                    apply(template, checked, caller);
                    return template;
                })
                .call(() -> Panache.flush())
                .onFailure(Templates::isConcurrentChange).transform(e -> TemplateProblems.concurrentChange());
    }

    @WithTransaction
    public Uni<Void> delete(Caller caller, UUID id, Long expectedVersion) {
        return Template.<Template>findById(id)
                .map(found -> {
                    Template template = TemplatePermissions.checkEditable(found, caller, "delete");
                    checkVersion(template, expectedVersion);
                    return template;
                })
                .call(template -> template.delete())
                .call(() -> Panache.flush())
                .onFailure(Templates::isConcurrentChange).transform(e -> TemplateProblems.concurrentChange())
                .replaceWithVoid();
    }

    private static void apply(Template template, TemplateRequest checked, Caller caller) {
        template.name = checked.name();
        template.category = checked.category();
        template.language = checked.language();
        template.body = checked.body();
        template.updatedAt = now();
        template.updatedBy = caller.sellerId();
    }

    private static void checkVersion(Template template, Long expectedVersion) {
        if (expectedVersion != null && expectedVersion != template.version) {
            throw TemplateProblems.staleVersion(template.version);
        }
    }

    /** Hibernate's failed version check, however deep it is wrapped. */
    private static boolean isConcurrentChange(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof OptimisticLockException || t instanceof StaleStateException) {
                return true;
            }
        }
        return false;
    }

    /** Microseconds: what PostgreSQL keeps, so a read-back equals what was answered. */
    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
