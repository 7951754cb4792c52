package io.smsconversations.conversation.template;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import io.smsconversations.events.RecordType;

/**
 * The placeholders a template may use: exactly what the directory projection can fill (a record's name, type and
 * account; the sender's name; the business number's name). A placeholder outside this list is refused when the
 * template is saved, never left blank when it is sent (SPEC §5).
 * <p>
 * The projection holds a record's display name only, not separate first and last names, so the first-name fields
 * take its first word and the last-name fields the rest.
 */
public enum TemplateField {

    RecordName(EnumSet.allOf(RecordType.class), source -> source.recordName()),
    ContactFirstName(EnumSet.of(RecordType.CONTACT, RecordType.LEAD),
            source -> source.isPerson() ? firstWord(source.recordName()) : null),
    ContactLastName(EnumSet.of(RecordType.CONTACT, RecordType.LEAD),
            source -> source.isPerson() ? rest(source.recordName()) : null),
    ContactFullName(EnumSet.of(RecordType.CONTACT, RecordType.LEAD),
            source -> source.isPerson() ? source.recordName() : null),
    AccountName(EnumSet.of(RecordType.CONTACT, RecordType.ACCOUNT, RecordType.OPPORTUNITY),
            source -> source.accountName()),
    OpportunityName(EnumSet.of(RecordType.OPPORTUNITY),
            source -> source.recordType() == RecordType.OPPORTUNITY ? source.recordName() : null),
    UserFirstName(EnumSet.allOf(RecordType.class), source -> firstWord(source.senderName())),
    UserLastName(EnumSet.allOf(RecordType.class), source -> rest(source.senderName())),
    UserFullName(EnumSet.allOf(RecordType.class), source -> source.senderName()),
    BusinessNumberName(EnumSet.allOf(RecordType.class), source -> source.businessNumberName());

    private final Set<RecordType> categories;
    private final Function<FillSource, String> value;

    TemplateField(Set<RecordType> categories, Function<FillSource, String> value) {
        this.categories = categories;
        this.value = value;
    }

    /** Whether a template of this category can ever fill the field (a contact's first name is no account's). */
    public boolean appliesTo(RecordType category) {
        return categories.contains(category);
    }

    /** The field's value for this record, sender and number; null or blank when there is none. */
    public String valueFrom(FillSource source) {
        return value.apply(source);
    }

    public static Optional<TemplateField> named(String name) {
        return Arrays.stream(values()).filter(f -> f.name().equals(name)).findFirst();
    }

    public static List<String> names() {
        return Arrays.stream(values()).map(Enum::name).toList();
    }

    public static List<String> namesFor(RecordType category) {
        return Arrays.stream(values()).filter(f -> f.appliesTo(category)).map(Enum::name).toList();
    }

    private static String firstWord(String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        String trimmed = name.strip();
        int space = indexOfWhitespace(trimmed);
        return space < 0 ? trimmed : trimmed.substring(0, space);
    }

    private static String rest(String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        String trimmed = name.strip();
        int space = indexOfWhitespace(trimmed);
        return space < 0 ? null : trimmed.substring(space).strip();
    }

    private static int indexOfWhitespace(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.isWhitespace(text.charAt(i))) {
                return i;
            }
        }
        return -1;
    }
}
