// calcigraph load --wipe: remove every node and relationship of the database (not only calcigraph's).
// name: all
MATCH (n) DETACH DELETE n;
