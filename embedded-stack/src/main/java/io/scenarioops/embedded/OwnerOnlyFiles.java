package io.scenarioops.embedded;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Properties;

/** Properties files that hold passwords: created readable by their owner only, where the file system can say so. */
final class OwnerOnlyFiles {
    private OwnerOnlyFiles() {
    }

    /** Replaces {@code file} with {@code properties}; the file is never readable by others, not even while written. */
    static void writeProperties(Properties properties, Path file, String comment) throws IOException {
        Files.deleteIfExists(file);
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            properties.store(out, comment);
        }
    }
}
