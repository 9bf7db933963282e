-- The old structure, and the new one the migration fills (the expand step: `tandem plan person-to-people` prints it).
CREATE SEQUENCE IF NOT EXISTS person_id_seq;
CREATE TABLE IF NOT EXISTS person (
  id BIGINT DEFAULT NEXT VALUE FOR person_id_seq PRIMARY KEY,
  first_name VARCHAR(50) NOT NULL,
  last_name VARCHAR(50) NOT NULL
);
CREATE TABLE IF NOT EXISTS people (
  id BIGINT DEFAULT NEXT VALUE FOR person_id_seq PRIMARY KEY,
  full_name VARCHAR(101)
);
