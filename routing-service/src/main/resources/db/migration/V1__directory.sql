CREATE TABLE directory_record (
    id          VARCHAR(64)  PRIMARY KEY,
    type        VARCHAR(16)  NOT NULL,
    name        VARCHAR(255) NOT NULL
);
