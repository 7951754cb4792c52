package io.smsconversations.routing.directory;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/**
 * A team's name (directory.teams). Its members are the sellers naming it ({@link SellerEntity#teamIds}), so they are
 * not stored here.
 */
@Entity
@Table(name = "directory_team")
public class TeamEntity extends PanacheEntityBase {

    @Id
    public String id;

    @Column(nullable = false)
    public String name;
}
