package dev.skein.finalize;

import dev.skein.storage.TracePointer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A trace's version: a digest of the set of its chunks. A late chunk makes a new version; a
 * redelivered timer sees the same one and does nothing.
 */
final class TraceVersion {
    private TraceVersion() {}

    static String of(List<TracePointer> pointers) {
        List<String> chunks = new ArrayList<>(pointers.size());
        for (TracePointer p : pointers) chunks.add(p.chunkId());
        chunks.sort(null);
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String c : chunks) {
                sha.update(c.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) '\n');
            }
            return HexFormat.of().formatHex(sha.digest(), 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
