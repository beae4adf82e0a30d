package io.scenarioops.publisher;

import io.scenarioops.storage.ObjectStore;

/**
 * The bucket, made sure of before the first write rather than when the publisher starts: an object
 * store that is down or refuses the credentials at start is then an outage the stage retries and
 * waits out like any later one, not a publisher that cannot start.
 */
final class BucketCheck {
    private final ObjectStore store;
    private volatile boolean exists;

    BucketCheck(ObjectStore store) {
        this.store = store;
    }

    /** Creates the bucket if missing, once; throws (and checks again next time) while the store refuses. */
    void ensure() {
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
