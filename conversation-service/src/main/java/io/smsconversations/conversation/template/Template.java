package io.smsconversations.conversation.template;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smsconversations.events.RecordType;

/** A message template (SPEC §3, §5). The body has been checked by {@link TemplateRules} before it is stored. */
@Entity
@Table(name = "message_template")
public class Template extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "name", nullable = false)
    public String name;

    /** The record type the template is written for. */
    @Enumerated(EnumType.STRING)
    @Column(name = "category", nullable = false)
    public RecordType category;

    /** Canonical BCP 47 tag. */
    @Column(name = "language", nullable = false)
    public String language;

    @Column(name = "body", nullable = false, columnDefinition = "text")
    public String body;

    @Enumerated(EnumType.STRING)
    @Column(name = "scope", nullable = false)
    public TemplateScope scope;

    /** The seller a personal template belongs to; null for an organisation template. */
    @Column(name = "owner_seller_id")
    public String ownerSellerId;

    /** Bumped by Hibernate on every update (the UPDATE checks it), and served as the ETag. */
    @Version
    @Column(name = "version", nullable = false)
    public long version;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "created_by", nullable = false)
    public String createdBy;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Column(name = "updated_by", nullable = false)
    public String updatedBy;
}
