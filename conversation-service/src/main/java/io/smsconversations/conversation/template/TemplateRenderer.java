package io.smsconversations.conversation.template;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.smsconversations.conversation.access.Caller;
import io.smsconversations.conversation.directory.SendingNumberQueries;
import io.smsconversations.conversation.encoding.SegmentCalculator;
import io.smsconversations.events.BusinessAddress;
import io.smsconversations.events.E164;
import io.smsconversations.events.RecordType;

/**
 * Fills a template for a record and its sender (SPEC §5), for the preview and for sending. Each placeholder takes,
 * in order: the value the seller typed, the field from the directory projection, the placeholder's default; failing
 * all three it comes out blank and is reported so the app can warn before the message goes out.
 * <p>
 * Refusals are problems the REST layer answers as they are: 404 for a template or record the caller may not see,
 * 400 for a bad body, value or number, 403 for a business number the caller may not send from.
 */
@ApplicationScoped
public class TemplateRenderer {

    /** A value the seller types for a placeholder: never more than a whole message. */
    static final int MAX_VALUE_LENGTH = TemplateRules.MAX_BODY_LENGTH;

    private final Templates templates;
    private final FillSources sources;
    private final SendingNumberQueries sendingNumbers;

    TemplateRenderer(Templates templates, FillSources sources, SendingNumberQueries sendingNumbers) {
        this.templates = templates;
        this.sources = sources;
        this.sendingNumbers = sendingNumbers;
    }

    /** Fills a stored template the caller may see. */
    public Uni<RenderedTemplate> render(UUID templateId, RenderTarget target, Caller caller) {
        return templates.find(caller, templateId)
                .onItem().ifNull().failWith(TemplateProblems::templateNotFound)
                .chain(template -> fill(template.id, TemplateBody.parse(template.body), target, caller));
    }

    /**
     * Fills a body that is not stored (a template being written, or a message typed with placeholders); it is
     * checked like a template's, against {@code category}'s fields when one is given.
     */
    public Uni<RenderedTemplate> renderBody(String body, RecordType category, RenderTarget target, Caller caller) {
        return Uni.createFrom().item(() -> TemplateRules.checkBody(body, category))
                .chain(parsed -> fill(null, parsed, target, caller));
    }

    private Uni<RenderedTemplate> fill(UUID templateId, TemplateBody body, RenderTarget target, Caller caller) {
        // The record first: one the caller may not see is a 404 whatever else is wrong with the request.
        return Uni.createFrom().item(() -> checked(target))
                .chain(checked -> sources.record(checked.recordId(), caller)
                        .onItem().ifNull().failWith(TemplateProblems::recordNotFound)
                        .call(() -> checkNumber(checked, caller))
                        .chain(record -> Uni.combine().all()
                                .unis(sources.sellerName(caller.sellerId()),
                                        sources.businessNumberName(checked.businessNumber()))
                                .with((sellerName, numberName) -> fill(templateId, body,
                                        new FillSource(record.type(), record.name(), record.accountName(),
                                                sellerName, numberName),
                                        checked.values()))));
    }

    /**
     * The filling itself: no I/O, so the send flow and the preview fill alike. The text stops growing once it is past
     * the longest message (see {@link FilledText}); {@code withinMaxLength} then says it cannot be sent.
     */
    static RenderedTemplate fill(UUID templateId, TemplateBody body, FillSource source, Map<String, String> values) {
        FilledText text = new FilledText(TemplateRules.MAX_BODY_LENGTH);
        Set<String> defaulted = new LinkedHashSet<>();
        Set<String> empty = new LinkedHashSet<>();
        for (TemplateBody.Part part : body.parts()) {
            if (part.placeholder() == null) {
                text.append(part.text());
                continue;
            }
            TemplateBody.Placeholder placeholder = part.placeholder();
            String value = values.get(placeholder.name());
            if (isBlank(value)) {
                // A field dropped from the list since the template was saved fills nothing rather than failing.
                value = TemplateField.named(placeholder.name()).map(f -> f.valueFrom(source)).orElse(null);
            }
            if (isBlank(value) && placeholder.defaultValue() != null) {
                value = placeholder.defaultValue();
                defaulted.add(placeholder.name());
            } else if (isBlank(value)) {
                value = "";
                empty.add(placeholder.name());
            }
            text.append(value);
        }
        String filled = text.text();
        return new RenderedTemplate(templateId, filled, SegmentCalculator.preview(filled), List.copyOf(defaulted),
                List.copyOf(empty), text.length(), text.withinLimit());
    }

    /** The target with its number in E.164, after checking what can be checked without the database. */
    private static RenderTarget checked(RenderTarget target) {
        if (target == null || isBlank(target.recordId())) {
            throw TemplateProblems.badRequest("record-missing", "recordId",
                    "The record to fill the template for is required");
        }
        checkValues(target.values());
        String number = null;
        if (!isBlank(target.businessNumber())) {
            number = BusinessAddress.parse(target.businessNumber(), null, null).map(BusinessAddress::key)
                    .orElseThrow(() -> TemplateProblems.badRequest("business-number-invalid", "businessNumber",
                            "The business number is not " + BusinessAddress.EXPECTED));
        }
        return new RenderTarget(target.recordId().strip(), number, target.values());
    }

    /**
     * Values for known placeholders only, none null, none longer than a whole message (it could never be sent, and
     * a body may repeat a placeholder a hundred times).
     */
    private static void checkValues(Map<String, String> values) {
        List<String> names = values.keySet().stream().sorted().toList();
        List<String> unknown = names.stream().filter(name -> TemplateField.named(name).isEmpty()).toList();
        if (!unknown.isEmpty()) {
            throw TemplateProblems.placeholders("unknown-placeholder", "values",
                    "Values were given for unknown placeholder " + String.join(", ", unknown) + "; known: "
                            + String.join(", ", TemplateField.names()),
                    unknown, TemplateField.names());
        }
        for (String name : names) {
            String value = values.get(name);
            if (value == null) {
                throw TemplateProblems.badRequest("value-missing", "values." + name,
                        "The value for " + name + " is null: give a text, or leave " + name
                                + " out to fill it from the record");
            }
            int length = value.codePointCount(0, value.length());
            if (length > MAX_VALUE_LENGTH) {
                throw TemplateProblems.badRequest("value-too-long", "values." + name, "The value for " + name
                        + " is " + length + " characters long; at most " + MAX_VALUE_LENGTH + " are allowed");
            }
        }
    }

    private Uni<Void> checkNumber(RenderTarget target, Caller caller) {
        if (target.businessNumber() == null) {
            return Uni.createFrom().voidItem();
        }
        return sendingNumbers.mayUse(caller, target.businessNumber())
                .invoke(mayUse -> {
                    if (!mayUse) {
                        throw TemplateProblems.businessNumberNotYours();
                    }
                })
                .replaceWithVoid();
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
