package io.scenarioops.embedded;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tukaani.xz.XZInputStream;

/**
 * PostgreSQL's server binaries, unpacked once per user and version instead of once per data dir:
 * decompressing the 15 MB {@code .txz} takes 4 to 7 s here, the better part of a stack start.
 *
 * <p>Layout: {@code <cache root>/postgres-<binaries version>/PG-<md5 of the archive>/}, the very
 * directory zonky looks for under its working directory, so zonky finds it complete and does not
 * unpack again. The cache root is {@value #CACHE_DIR_VARIABLE} if set, else
 * {@code $XDG_CACHE_HOME/scenarioops}, else {@code ~/.cache/scenarioops}.
 *
 * <p>Beside the binaries it keeps a cluster template, {@code cluster-PG-<md5>/}: a data directory
 * initialised once, which a new data dir copies instead of running initdb again (1.75 s of a new
 * data dir's 2.1 s PostgreSQL start here; the copy of its 39 MB takes about 0.1 s).
 *
 * <p>Safe for concurrent first starts, in one JVM or many: one unpacks (or initialises the
 * template) under a file lock while the others wait for it, into a staging directory renamed into
 * place only when complete, so a start killed halfway leaves no directory that passes for
 * complete. A directory that does not look complete (a key binary gone, zonky's marker missing or
 * older than the files) is removed and unpacked again.
 */
public final class PostgresBinaryCache {

    /** Environment variable naming the cache root, for example to keep it off a small home volume. */
    public static final String CACHE_DIR_VARIABLE = "SCENARIOOPS_CACHE_DIR";

    private static final Logger LOG = LoggerFactory.getLogger(PostgresBinaryCache.class);
    /** zonky's "unpacked completely" marker, which it checks to be no older than the unpacked files. */
    private static final String COMPLETE_MARKER = ".exists";
    private static final List<String> KEY_BINARIES = List.of("bin/initdb", "bin/pg_ctl", "bin/postgres");
    private static final String STAGING_PREFIX = ".unpacking-";
    private static final String TEMPLATE_STAGING_PREFIX = ".initialising-";
    /** zonky takes a directory with it for an initialised cluster (and skips initdb). */
    private static final String CLUSTER_CONFIG_FILE = "postgresql.conf";
    private static final String LOCK_FILE = ".lock";
    private static final int OWNER_EXECUTE = 0100;
    private static final String BINARIES_VERSION = binariesVersion();
    private static final Map<Path, PgBinaryResolver> RESOLVERS = new ConcurrentHashMap<>();
    private static String archiveDigest;
    /** FileChannel locks are held per process: threads of one JVM take turns on this first. */
    private static final Object FILLING_IN_THIS_JVM = new Object();

    private final Path versionDir;

    private PostgresBinaryCache(Path versionDir) {
        this.versionDir = versionDir;
    }

    /** The cache of the user running this JVM, located as the class comment says. */
    public static PostgresBinaryCache userCache() {
        return under(cacheRoot(System.getenv(), Path.of(System.getProperty("user.home"))));
    }

    /** A cache under {@code root}, e.g. one per build for tests that must not share the user's. */
    public static PostgresBinaryCache under(Path root) {
        return new PostgresBinaryCache(root.toAbsolutePath().normalize().resolve("postgres-" + BINARIES_VERSION));
    }

    static Path cacheRoot(Map<String, String> env, Path home) {
        return nonBlank(env, CACHE_DIR_VARIABLE).map(Path::of)
                .or(() -> nonBlank(env, "XDG_CACHE_HOME").map(Path::of).filter(Path::isAbsolute)
                        .map(xdg -> xdg.resolve("scenarioops")))
                .orElseGet(() -> home.resolve(".cache").resolve("scenarioops"));
    }

    /** {@code postgres-<version>} under the cache root: zonky's working directory. */
    public Path versionDir() {
        return versionDir;
    }

    /**
     * Makes sure the binaries are unpacked, unpacking them if they are not.
     *
     * @return the working directory to hand zonky, under which it finds them unpacked
     */
    Path prepare() {
        Path unpacked = versionDir.resolve("PG-" + archiveDigest());
        if (!isComplete(unpacked)) {
            underLock(() -> unpackUnderLock(unpacked));
        }
        return versionDir;
    }

    /** Makes a cluster's data directory: in {@link #clusterTemplate}, the server's own initdb. */
    @FunctionalInterface
    interface ClusterInitialiser {
        void initialise(Path clusterDir) throws IOException;
    }

    /**
     * The cluster template for these binaries, which {@code initialiser} makes the first time.
     * Call {@link #prepare()} first: the initialiser runs the binaries.
     *
     * @return a cleanly stopped cluster's data directory, to copy and never to start
     */
    Path clusterTemplate(ClusterInitialiser initialiser) {
        Path template = versionDir.resolve("cluster-PG-" + archiveDigest());
        if (!Files.isRegularFile(template.resolve(CLUSTER_CONFIG_FILE))) {
            underLock(() -> initialiseUnderLock(template, initialiser));
        }
        return template;
    }

    private interface LockedWork {
        void run() throws IOException;
    }

    private void underLock(LockedWork work) {
        synchronized (FILLING_IN_THIS_JVM) {
            try {
                Files.createDirectories(versionDir);
                try (FileChannel channel = FileChannel.open(versionDir.resolve(LOCK_FILE),
                        StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                     FileLock lock = channel.lock()) {
                    work.run();
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot fill the PostgreSQL cache " + versionDir + ": " + e, e);
            }
        }
    }

    private void initialiseUnderLock(Path template, ClusterInitialiser initialiser) throws IOException {
        if (Files.isRegularFile(template.resolve(CLUSTER_CONFIG_FILE))) {
            return;
        }
        // Holding the lock, nobody else is initialising: whatever is half done was abandoned.
        if (Files.exists(template)) {
            deleteRecursively(template);
        }
        removeStagingDirs(TEMPLATE_STAGING_PREFIX);
        long startNanos = System.nanoTime();
        Path staging = versionDir.resolve(TEMPLATE_STAGING_PREFIX + UUID.randomUUID());
        initialiser.initialise(staging);
        if (Files.exists(staging.resolve("postmaster.pid"))) {
            throw new IOException("the cluster template's server did not stop cleanly: " + staging);
        }
        Files.move(staging, template, StandardCopyOption.ATOMIC_MOVE);
        LOG.info("initialised the PostgreSQL cluster template {} in {} ms", template,
                (System.nanoTime() - startNanos) / 1_000_000);
    }

    /**
     * A copy of {@code template} at {@code clusterDir}, which must not exist: copied beside it and
     * renamed, so that a copy killed halfway is not taken for an initialised cluster.
     */
    static void copyCluster(Path template, Path clusterDir) throws IOException {
        Path staging = clusterDir.resolveSibling(clusterDir.getFileName() + TEMPLATE_STAGING_PREFIX + UUID.randomUUID());
        try (Stream<Path> paths = Files.walk(template)) {
            for (Path source : paths.toList()) {
                // COPY_ATTRIBUTES keeps the modes: the server refuses a data directory others may read.
                Files.copy(source, staging.resolve(template.relativize(source).toString()),
                        StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
            }
            Files.move(staging, clusterDir, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            if (Files.exists(staging)) {
                deleteRecursively(staging);
            }
            throw new IOException("cannot copy the cluster template " + template + " to " + clusterDir + ": " + e, e);
        }
    }

    /**
     * The archive, as zonky reads it: one resolver per cache, because zonky remembers per resolver
     * where it found the binaries and would otherwise send every cache to the first one it saw.
     */
    PgBinaryResolver resolver() {
        return RESOLVERS.computeIfAbsent(versionDir, dir -> DefaultPostgresBinaryResolver.INSTANCE::getPgBinary);
    }

    private void unpackUnderLock(Path unpacked) throws IOException {
        if (isComplete(unpacked)) {
            return;
        }
        // Holding the lock, nobody else is unpacking: whatever is half done was abandoned.
        if (Files.exists(unpacked)) {
            LOG.warn("PostgreSQL binaries in {} are incomplete; unpacking them again", unpacked);
            deleteRecursively(unpacked);
        }
        removeStagingDirs(STAGING_PREFIX);
        long startNanos = System.nanoTime();
        Path staging = versionDir.resolve(STAGING_PREFIX + UUID.randomUUID());
        try (InputStream archive = openArchive()) {
            unpack(archive, staging);
        }
        Files.move(staging, unpacked, StandardCopyOption.ATOMIC_MOVE);
        LOG.info("unpacked PostgreSQL {} into {} in {} ms", BINARIES_VERSION, unpacked,
                (System.nanoTime() - startNanos) / 1_000_000);
    }

    private void removeStagingDirs(String prefix) throws IOException {
        try (Stream<Path> entries = Files.list(versionDir)) {
            for (Path staging : entries.filter(p -> p.getFileName().toString().startsWith(prefix)).toList()) {
                deleteRecursively(staging);
            }
        }
    }

    static boolean isComplete(Path unpacked) {
        Path marker = unpacked.resolve(COMPLETE_MARKER);
        if (!Files.isRegularFile(marker)
                || !KEY_BINARIES.stream().map(unpacked::resolve).allMatch(p -> Files.isRegularFile(p) && Files.isExecutable(p))) {
            return false;
        }
        try (Stream<Path> entries = Files.list(unpacked)) {
            FileTime markedAt = Files.getLastModifiedTime(marker);
            for (Path entry : entries.toList()) {
                if (Files.getLastModifiedTime(entry).compareTo(markedAt) > 0) {
                    return false;
                }
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * One file after the other: zonky's own unpacking writes each file through its own
     * AsynchronousFileChannel and so starts thousands of threads; here the XZ decoding is the cost.
     */
    private static void unpack(InputStream archive, Path target) throws IOException {
        Files.createDirectories(target);
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new XZInputStream(new BufferedInputStream(archive)))) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                Path path = target.resolve(entry.getName()).normalize();
                if (!path.startsWith(target)) {
                    throw new IOException("archive entry " + entry.getName() + " points outside " + target);
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(path);
                } else if (entry.isSymbolicLink()) {
                    Files.createDirectories(path.getParent());
                    Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
                } else if (entry.isFile()) {
                    Files.createDirectories(path.getParent());
                    Files.copy(tar, path);
                    if ((entry.getMode() & OWNER_EXECUTE) != 0) {
                        path.toFile().setExecutable(true, false);
                    }
                } else {
                    throw new IOException("unexpected entry " + entry.getName() + " in the PostgreSQL archive");
                }
            }
        }
        // Last, so that its time is no older than any file's: zonky reads it as "unpacked completely".
        Files.createFile(target.resolve(COMPLETE_MARKER));
    }

    /** The archive's MD5, which names zonky's directory; it cannot change while this JVM runs. */
    private static synchronized String archiveDigest() {
        if (archiveDigest == null) {
            try (DigestInputStream archive = new DigestInputStream(openArchive(), MessageDigest.getInstance("MD5"))) {
                archive.transferTo(OutputStream.nullOutputStream());
                archiveDigest = HexFormat.of().formatHex(archive.getMessageDigest().digest());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the PostgreSQL binaries from the classpath", e);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every JVM has MD5", e);
            }
        }
        return archiveDigest;
    }

    private static InputStream openArchive() throws IOException {
        String system = operatingSystem();
        String hardware = architecture();
        InputStream archive = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(system, hardware);
        if (archive == null) {
            throw new IllegalStateException("no PostgreSQL binaries on the classpath for " + system + " " + hardware);
        }
        return archive;
    }

    /** Named as zonky names them in its binaries jars. */
    private static String operatingSystem() {
        String name = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        if (name.startsWith("linux")) {
            return "Linux";
        }
        if (name.startsWith("mac")) {
            return "Darwin";
        }
        if (name.startsWith("windows")) {
            return "Windows";
        }
        throw new IllegalStateException("no embedded PostgreSQL for the operating system " + name);
    }

    private static String architecture() {
        String arch = System.getProperty("os.arch");
        return "amd64".equals(arch) ? "x86_64" : arch;
    }

    private static String binariesVersion() {
        Properties properties = new Properties();
        try (InputStream in = PostgresBinaryCache.class.getResourceAsStream("postgres-binaries.properties")) {
            if (in == null) {
                throw new IllegalStateException("postgres-binaries.properties is missing from the embedded-stack jar");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read postgres-binaries.properties", e);
        }
        return properties.getProperty("version");
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    private static Optional<String> nonBlank(Map<String, String> env, String key) {
        return Optional.ofNullable(env.get(key)).map(String::strip).filter(v -> !v.isEmpty());
    }
}
