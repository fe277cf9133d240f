package io.sluice.compat.write;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Which columns of the written superset row make each zone's file, and under which names: for each zone, an
 * ordered list of (superset column, file column) pairs. Travels as a JSON write option.
 */
final class ZoneLayout implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One zone: the ordinals of its columns in the data row and the schema of its files. */
    record Zone(int[] ordinals, StructType schema) implements Serializable {
    }

    private final Map<String, Zone> zones;

    private ZoneLayout(Map<String, Zone> zones) {
        this.zones = zones;
    }

    static String toJson(Map<String, List<Map.Entry<String, String>>> columns) {
        Map<String, List<List<String>>> plain = new LinkedHashMap<>();
        columns.forEach((zone, pairs) -> plain.put(zone,
                pairs.stream().map(p -> List.of(p.getKey(), p.getValue())).toList()));
        try {
            return JSON.writeValueAsString(plain);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @param dataSchema the written row without the partition (zone) column, as Spark hands it to the writer */
    static ZoneLayout parse(String json, StructType dataSchema) {
        Map<String, List<List<String>>> plain;
        try {
            plain = JSON.readValue(json, new TypeReference<>() { });
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Zone> zones = new LinkedHashMap<>();
        plain.forEach((zone, pairs) -> {
            int[] ordinals = new int[pairs.size()];
            List<StructField> fields = new ArrayList<>();
            for (int i = 0; i < pairs.size(); i++) {
                String from = pairs.get(i).get(0);
                ordinals[i] = dataSchema.fieldIndex(from);
                StructField source = dataSchema.fields()[ordinals[i]];
                fields.add(new StructField(pairs.get(i).get(1), source.dataType(), true, source.metadata()));
            }
            zones.put(zone, new Zone(ordinals, new StructType(fields.toArray(StructField[]::new))));
        });
        return new ZoneLayout(zones);
    }

    Zone zone(String name) {
        Zone zone = zones.get(name);
        if (zone == null) {
            throw new IllegalStateException("no zone '" + name + "' in the layout " + zones.keySet());
        }
        return zone;
    }
}
