package io.scenarioops.events;

/**
 * One of a solved scenario's tables that the solver wrote to the object store itself, because
 * the event carrying it would be too large for a Kafka record: the table's name (e.g.
 * {@code fact_delivery}) and the size and sha256 of the artifact's bytes, which the publisher puts
 * in the manifest as they are.
 */
public record StoredTable(String table, long size, String sha256) {
}
