package io.scenarioops.storage;

/**
 * The bucket, made sure of before the first write rather than when a service starts: an object
 * store that is down or refuses the credentials at start is then an outage the stage retries and
 * waits out like any later one, not a service that cannot start.
 */
public final class BucketCheck {
    private final ObjectStore store;
    private volatile boolean exists;

    public BucketCheck(ObjectStore store) {
        this.store = store;
    }

    /** Creates the bucket if missing, once; throws (and checks again next time) while the store refuses. */
    public void ensure() {
        if (exists) {
            return;
        }
        synchronized (this) {
            if (!exists) {
                store.ensureBucket();
                exists = true;
            }
        }
    }
}
