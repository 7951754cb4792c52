package io.smsconversations.routing.directory;

import java.util.HashSet;
import java.util.Set;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smsconversations.events.BusinessNumberType;

/** A business number (E.164) and the sellers and teams it is assigned to. */
@Entity
@Table(name = "directory_business_number")
public class BusinessNumberEntity extends PanacheEntityBase {

    @Id
    @Column(length = 16)
    public String number;

    @Column(nullable = false)
    public String name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    public BusinessNumberType type;

    @Column(nullable = false, length = 64)
    public String provider;

    @ElementCollection
    @CollectionTable(name = "directory_business_number_seller", joinColumns = @JoinColumn(name = "number"))
    @Column(name = "seller_id", nullable = false, length = 128)
    public Set<String> ownerSellerIds = new HashSet<>();

    @ElementCollection
    @CollectionTable(name = "directory_business_number_team", joinColumns = @JoinColumn(name = "number"))
    @Column(name = "team_id", nullable = false, length = 128)
    public Set<String> ownerTeamIds = new HashSet<>();
}
