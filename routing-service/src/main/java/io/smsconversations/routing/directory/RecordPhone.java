package io.smsconversations.routing.directory;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;

import io.smsconversations.events.PhoneKind;

/** One phone number of a record, E.164. */
@Embeddable
public class RecordPhone {

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    public PhoneKind kind;

    @Column(nullable = false, length = 16)
    public String number;
}
