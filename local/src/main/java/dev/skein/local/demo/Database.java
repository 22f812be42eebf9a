package dev.skein.local.demo;

/**
 * A database server the shop calls, as its client spans describe it.
 *
 * @param system the {@code db.system.name} value
 * @param host the server's address; with the system it names the database's node on the map
 * @param namespace the database (PostgreSQL) or database index (Redis)
 */
record Database(String system, String host, int port, String namespace) {
    static Database postgresql(String host, String database) {
        return new Database("postgresql", host, 5432, database);
    }

    static Database redis(String host) {
        return new Database("redis", host, 6379, "0");
    }

    /** The instrumentation that calls it: a cache client for Redis, a database driver for the rest. */
    Library library() {
        return system.equals("redis") ? Library.CACHE : Library.DATABASE;
    }
}
