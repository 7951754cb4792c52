package io.smsconversations.routing.directory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smsconversations.events.RecordType;

/** A CRM record of the directory. Written only by {@link DirectoryStore}'s upserts; read through Panache. */
@Entity
@Table(name = "directory_record")
public class RecordEntity extends PanacheEntityBase {

    @Id
    public String id;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    public RecordType type;

    @Column(nullable = false)
    public String name;

    @Column(name = "owner_seller_id", length = 128)
    public String ownerSellerId;

    @Column(name = "owner_team_id", length = 128)
    public String ownerTeamId;

    @Column(nullable = false)
    public boolean active;

    @Column(name = "modified_on")
    public Instant modifiedOn;

    @Column(name = "account_id", length = 128)
    public String accountId;

    /** For an opportunity: its customer (a contact or an account). */
    @Column(name = "customer_id", length = 128)
    public String customerId;

    @ElementCollection
    @CollectionTable(name = "directory_record_phone", joinColumns = @JoinColumn(name = "record_id"))
    @OrderColumn(name = "position")
    public List<RecordPhone> phones = new ArrayList<>();

    /** For an opportunity: the contacts it lists as related, in its order. */
    @ElementCollection
    @CollectionTable(name = "directory_record_related_contact", joinColumns = @JoinColumn(name = "record_id"))
    @OrderColumn(name = "position")
    @Column(name = "contact_id", nullable = false, length = 128)
    public List<String> relatedContactIds = new ArrayList<>();
}
