-- Which teams each seller belongs to, projected from the compacted topic directory.sellers (Seller.teamIds): a
-- record owned by a team notifies the team's members. Replaced per seller on every entry, deleted by a tombstone;
-- replaying the topic from the start changes nothing.
CREATE TABLE seller_team (
    seller_id VARCHAR(255) NOT NULL,
    team_id   VARCHAR(255) NOT NULL,
    PRIMARY KEY (seller_id, team_id)
);

-- "the members of this team"
CREATE INDEX seller_team_by_team ON seller_team (team_id, seller_id);
