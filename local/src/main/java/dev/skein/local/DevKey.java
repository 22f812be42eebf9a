package dev.skein.local;

import dev.skein.tenancy.KeyManager;
import dev.skein.tenancy.KeyVerifier;
import dev.skein.tenancy.Scope;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;

/**
 * skein-local's development key: ingest and query for the local tenant. Only its hash is in the
 * table, like every key, so the key itself is kept in the data directory, readable by its owner
 * only, and used again on the next start while it still verifies (a revoked one is replaced).
 */
final class DevKey {
    static final String FILE = "dev-api-key";
    static final String NAME = "skein-local development key";

    private DevKey() {}

    /** @param persist false: a new key every start, kept nowhere but in the printout */
    static String obtain(String tenant, KeyManager keys, KeyVerifier verifier, Path dataDir, boolean persist) {
        Path file = dataDir.resolve(FILE);
        try {
            if (persist && Files.isRegularFile(file)) {
                String kept = Files.readString(file).trim();
                if (verifier.verify(kept).isValid()) return kept;
            }
            String token = keys.create(tenant, EnumSet.allOf(Scope.class), NAME).key().token();
            if (persist) {
                Files.createDirectories(dataDir);
                Path temp = Files.createTempFile(dataDir, FILE, ".tmp");
                trySetOwnerOnly(temp);
                Files.writeString(temp, token + "\n");
                Files.move(temp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            }
            return token;
        } catch (IOException e) {
            throw new UncheckedIOException("could not keep the development key in " + file, e);
        }
    }

    private static void trySetOwnerOnly(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system (Windows): the directory's own permissions apply.
        }
    }
}
