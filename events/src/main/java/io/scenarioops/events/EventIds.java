package io.scenarioops.events;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Event ids of downstream events are derived from the event they answer. A re-delivered input
 * therefore produces an output with the same id, which keeps manifests byte-identical and lets
 * consumers recognise duplicates.
 */
public final class EventIds {
    private EventIds() {
    }

    public static String random() {
        return UUID.randomUUID().toString();
    }

    public static String derived(String stage, String upstreamEventId) {
        return UUID.nameUUIDFromBytes((stage + ":" + upstreamEventId).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
