package io.smsconversations.routing.directory;

import java.util.HashSet;
import java.util.Set;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** A seller (id = OIDC subject) and the teams they belong to. */
@Entity
@Table(name = "directory_seller")
public class SellerEntity extends PanacheEntityBase {

    @Id
    public String id;

    @Column(nullable = false)
    public String name;

    @Column(name = "seller_privilege", nullable = false)
    public boolean sellerPrivilege;

    @ElementCollection
    @CollectionTable(name = "directory_seller_team", joinColumns = @JoinColumn(name = "seller_id"))
    @Column(name = "team_id", nullable = false, length = 128)
    public Set<String> teamIds = new HashSet<>();
}
