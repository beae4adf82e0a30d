package io.scenarioops.storage;

import io.scenarioops.model.Baseline;
import io.scenarioops.model.BaselineFile;
import io.scenarioops.model.BaselineRef;
import io.scenarioops.model.InvalidInputException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Planners' baseline files in the bucket, stored once under the key their content's sha256 gives
 * ({@link BaselineRef#keyOf}) and read back by reference. A file is fetched once and kept by its
 * hash; content whose sha256 is not the reference's is refused, never used. Thread-safe.
 */
public final class BaselineFiles {
    private static final int CACHED_FILES = 8;

    private final Function<String, Optional<byte[]>> objects;
    private final Map<String, Baseline> byHash = new LinkedHashMap<>(CACHED_FILES, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Baseline> eldest) {
            return size() > CACHED_FILES;
        }
    };

    /** @param objects reads an object by key: empty when there is none, throws on an outage */
    public BaselineFiles(Function<String, Optional<byte[]>> objects) {
        this.objects = objects;
    }

    /** Stores a validated file's bytes at their content address (again, harmlessly, if already there). */
    public static BaselineRef store(ObjectStore store, byte[] content) {
        BaselineRef ref = BaselineRef.of(Sha256.hex(content));
        store.put(ref.key(), content, ObjectStore.JSON);
        return ref;
    }

    /**
     * The instance {@code ref} names. A missing object, content with another sha256 or a file that
     * breaks the format's rules is the reference's fault: an {@link InvalidInputException}.
     */
    public Baseline read(BaselineRef ref) {
        synchronized (byHash) {
            Baseline cached = byHash.get(ref.sha256());
            if (cached != null) {
                return cached;
            }
        }
        byte[] content = objects.apply(ref.key())
                .orElseThrow(() -> new InvalidInputException("baseline.key", "no baseline file at " + ref.key()));
        String actual = Sha256.hex(content);
        if (!actual.equals(ref.sha256())) {
            throw new InvalidInputException("baseline.sha256", "the file at " + ref.key() + " has sha256 " + actual
                    + ", not the " + ref.sha256() + " the reference names: refused");
        }
        Baseline baseline;
        try {
            baseline = BaselineFile.parse(content);
        } catch (InvalidInputException e) {
            throw new InvalidInputException("baseline", "the file at " + ref.key() + " is not a valid baseline file: "
                    + e.getMessage());
        }
        synchronized (byHash) {
            byHash.put(ref.sha256(), baseline);
        }
        return baseline;
    }
}
