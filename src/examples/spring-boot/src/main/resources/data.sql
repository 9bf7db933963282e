INSERT INTO person (first_name, last_name) VALUES ('Ada', 'Lovelace');
INSERT INTO person (first_name, last_name) VALUES ('Grace', 'Hopper');
