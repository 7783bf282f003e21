package dev.tunegate.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tunegate.io.Json;
import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link AuditJson} writes the text Jackson's databind writes for the same report ({@code Json.pretty}, the oracle:
 * databind reads the records and their annotations by itself). The reports are made by reflection over the records'
 * components, so a component added to any record of the report is set here and missed by the writer until it writes
 * it: every component non-null, then 300 seeded reports where each reference is null, empty or set at random, with
 * strings that need escaping and doubles that are not finite; and the reports of real audits.
 */
class AuditJsonTest {
    @Test
    void everyComponentSetIsWrittenAsDatabindWritesIt() {
        AuditReport report = (AuditReport) make(AuditReport.class, new Random(1), Mode.ALL_SET);
        assertThat(AuditJson.pretty(report)).isEqualTo(Json.pretty(report));
    }

    @Test
    void reportsWithNullsAndEmptiesAnywhereAreWrittenAsDatabindWritesThem() {
        Random random = new Random(42);
        for (int i = 0; i < 300; i++) {
            AuditReport report = (AuditReport) make(AuditReport.class, random, Mode.RANDOM);
            assertThat(AuditJson.pretty(report)).as("report %d", i).isEqualTo(Json.pretty(report));
        }
    }

    @Test
    void theReportsOfRealAuditsAreWrittenAsDatabindWritesThem(@TempDir Path dir) throws Exception {
        Path train = dir.resolve("train.jsonl");
        Path golden = dir.resolve("golden.jsonl");
        StringBuilder rows = new StringBuilder();
        for (int i = 0; i < 60; i++) {
            rows.append("{\"prompt\": \"Where is my parcel number ")
                    .append(i % 20)
                    .append("? Mail me at a")
                    .append(i)
                    .append("@example.com\", \"completion\": \"{\\\"label\\\": \\\"")
                    .append(i % 3 == 0 ? "shipping" : "billing")
                    .append("\\\"}\", \"metadata\": {\"status\": \"approved\", \"provenance\": \"human\"}}\n");
        }
        rows.append("{not json\n");
        Files.writeString(train, rows);
        Files.writeString(
                golden,
                "{\"prompt\": \"Where is my parcel number 3? Mail me at a3@example.com\", \"completion\": \"x\"}\n");
        for (AuditRequest request : List.of(
                AuditRequest.of(train),
                AuditRequest.of(train).withGolden(golden),
                AuditRequest.of(train).withChecks(AuditCheck.parse("counts")))) {
            AuditReport report = DatasetAudit.run(request, dev.tunegate.analysis.Progress.SILENT, 2);
            assertThat(AuditJson.pretty(report)).isEqualTo(Json.pretty(report));
        }
    }

    private enum Mode {
        ALL_SET,
        RANDOM
    }

    private static Object make(Class<?> type, Random random, Mode mode) {
        RecordComponent[] components = type.getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            values[i] = value(components[i].getGenericType(), random, mode, components[i].getName());
        }
        try {
            Constructor<?> c = type.getDeclaredConstructor(types);
            try {
                return c.newInstance(values);
            } catch (java.lang.reflect.InvocationTargetException e) {
                // a record that refuses a null (its canonical constructor copies a list): set what was left null
                for (int i = 0; i < components.length; i++) {
                    if (values[i] == null)
                        values[i] =
                                value(components[i].getGenericType(), random, Mode.ALL_SET, components[i].getName());
                }
                return c.newInstance(values);
            }
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(type + ": " + e, e);
        }
    }

    private static final List<String> STRINGS = List.of(
            "plain",
            "",
            "quote \" and backslash \\",
            "line\nbreak\ttab",
            "naïve café — 東京",
            "\u0001control",
            "emoji 🎉");

    private static Object value(Type type, Random random, Mode mode, String name) {
        Class<?> raw = type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) type;
        if (raw.isPrimitive()) return primitive(raw, random);
        if (mode == Mode.RANDOM && random.nextInt(4) == 0) return null;
        if (raw == String.class)
            return mode == Mode.ALL_SET ? name + " \"value\"" : STRINGS.get(random.nextInt(STRINGS.size()));
        if (raw == Long.class) return random.nextLong(1_000_000);
        if (raw == Integer.class) return random.nextInt(1000);
        if (raw == Double.class) return doubleValue(random, mode);
        if (raw == List.class) {
            Type element = ((ParameterizedType) type).getActualTypeArguments()[0];
            int n = mode == Mode.ALL_SET ? 2 : random.nextInt(3);
            List<Object> list = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Object v = value(element, random, Mode.ALL_SET, name + i);
                list.add(v);
            }
            return list;
        }
        if (raw == Map.class) {
            Type v = ((ParameterizedType) type).getActualTypeArguments()[1];
            int n = mode == Mode.ALL_SET ? 2 : random.nextInt(3);
            Map<String, Object> map = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) map.put(name + "-key " + i, value(v, random, mode, name + i));
            return map;
        }
        if (raw.isRecord()) return make(raw, random, mode);
        throw new AssertionError("a component of type " + type + " (" + name + "): teach this test to make one");
    }

    private static Object primitive(Class<?> raw, Random random) {
        if (raw == long.class) return random.nextLong(-5, 1_000_000);
        if (raw == int.class) return random.nextInt(-5, 1000);
        if (raw == double.class) return doubleValue(random, Mode.RANDOM);
        if (raw == boolean.class) return random.nextBoolean();
        throw new AssertionError("a primitive component of type " + raw + ": teach this test to make one");
    }

    private static double doubleValue(Random random, Mode mode) {
        return switch (mode == Mode.ALL_SET ? 0 : random.nextInt(6)) {
            case 1 -> Double.NaN;
            case 2 -> Double.POSITIVE_INFINITY;
            case 3 -> 0.0;
            case 4 -> 1e-9;
            default -> random.nextDouble();
        };
    }
}
