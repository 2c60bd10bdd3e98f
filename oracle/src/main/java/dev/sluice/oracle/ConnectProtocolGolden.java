package dev.sluice.oracle;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.kafka.common.message.JoinGroupRequestData.JoinGroupRequestProtocol;
import org.apache.kafka.connect.runtime.distributed.ConnectProtocol;
import org.apache.kafka.connect.runtime.distributed.Crypto;
import org.apache.kafka.connect.runtime.distributed.ExtendedAssignment;
import org.apache.kafka.connect.runtime.distributed.ExtendedWorkerState;
import org.apache.kafka.connect.runtime.distributed.IncrementalCooperativeConnectProtocol;
import org.apache.kafka.connect.util.ConnectorTaskId;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;

/**
 * Golden vectors for Kafka Connect's group protocol (ConnectProtocol, IncrementalCooperativeConnectProtocol) and
 * for InternalRequestSignature's HMAC, from Kafka's own classes.
 *
 * <pre>
 * scripts/oracle.sh ConnectProtocolGolden worker/cluster/testdata     # writes protocol.json
 * </pre>
 *
 * protocol.json holds: "offered" (the JoinGroup protocol names for connect.protocol=sessioned, in order);
 * "metadata" and "assignments" (an input and the bytes Kafka encodes for one protocol); "decode" (bytes and what
 * Kafka decodes from them for one protocol, or "error" when it throws); "signatures" (an HMAC over a body with a
 * key, as the X-Connect-Authorization header carries it); "keys" (key length of each KeyGenerator algorithm).
 * An assignment is {"version","error","leader","leaderUrl","offset","connectors":[..],"tasks":[[c,n]..],
 * "revokedConnectors","revokedTasks","delay"}; the revoked lists and delay are absent for the eager protocol.
 */
public final class ConnectProtocolGolden {
    private ConnectProtocolGolden() {}

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final Base64.Encoder B64 = Base64.getEncoder();
    /** Every Mac and KeyGenerator algorithm the JDK's SunJCE provider offers for HMAC. */
    private static final String[] ALGORITHMS = {"HmacSHA256", "HmacSHA1", "HmacSHA224", "HmacSHA384", "HmacSHA512",
        "HmacMD5", "HmacSHA512/224", "HmacSHA512/256", "HmacSHA3-224", "HmacSHA3-256", "HmacSHA3-384", "HmacSHA3-512"};

    public static void main(String[] args) throws Exception {
        ObjectNode out = JSON.createObjectNode();
        ExtendedWorkerState sample = new ExtendedWorkerState("http://w1:8083/", 7, null);
        ArrayNode offered = out.putArray("offered");
        for (JoinGroupRequestProtocol p : IncrementalCooperativeConnectProtocol.metadataRequest(sample, true)) {
            offered.add(p.name());
        }

        List<ExtendedAssignment> assignments = sampleAssignments();
        ArrayNode metadata = out.putArray("metadata");
        String[] urls = {"http://127.0.0.1:8083/", "", "http://wörker-ü:1/"};
        long[] offsets = {-1, 0, 42, Long.MAX_VALUE};
        for (String protocol : new String[]{"default", "compatible", "sessioned"}) {
            for (int i = 0; i < urls.length; i++) {
                for (ExtendedAssignment held : new ExtendedAssignment[]{null, assignments.get(i + 1)}) {
                    if (held == null && protocol.equals("default") && i > 0) continue;
                    ExtendedWorkerState state = new ExtendedWorkerState(urls[i], offsets[i], held);
                    ByteBuffer b = switch (protocol) {
                        case "default" -> ConnectProtocol.serializeMetadata(state);
                        case "compatible" -> IncrementalCooperativeConnectProtocol.serializeMetadata(state, false);
                        default -> IncrementalCooperativeConnectProtocol.serializeMetadata(state, true);
                    };
                    ObjectNode c = metadata.addObject();
                    c.put("protocol", protocol);
                    ObjectNode s = c.putObject("state");
                    s.put("url", state.url());
                    s.put("offset", state.offset());
                    s.set("assignment", held == null ? null : assignment(held, true));
                    c.put("bytes", bytes(b));
                }
            }
        }

        ArrayNode encoded = out.putArray("assignments");
        for (ExtendedAssignment a : assignments) {
            ObjectNode c = encoded.addObject();
            c.put("protocol", "default");
            c.set("assignment", assignment(a, false));
            c.put("bytes", bytes(ConnectProtocol.serializeAssignment(a)));
            for (boolean sessioned : new boolean[]{false, true}) {
                c = encoded.addObject();
                c.put("protocol", sessioned ? "sessioned" : "compatible");
                c.set("assignment", assignment(a, true));
                c.put("bytes", bytes(IncrementalCooperativeConnectProtocol.serializeAssignment(a, sessioned)));
            }
        }

        ArrayNode decode = out.putArray("decode");
        byte[] full = array(IncrementalCooperativeConnectProtocol.serializeAssignment(assignments.get(2), false));
        byte[] eager = array(ConnectProtocol.serializeAssignment(assignments.get(2)));
        // A version-1 assignment cut after the assignment array (no revoked, no delay), as a v0 leader would
        // write with a v1 header; Kafka fills the missing fields with their defaults.
        byte[] noRevoked = eager.clone();
        noRevoked[1] = 1;
        byte[] future = concat(full, new byte[]{9, 9, 9});
        future[1] = 7;
        byte[] negative = full.clone();
        negative[0] = (byte) 0xFF;
        negative[1] = (byte) 0xFF;
        byte[][] inputs = {full, noRevoked, future, negative, new byte[]{0}, new byte[]{0, 1, 0, 0, 0},
            java.util.Arrays.copyOf(full, full.length - 2), new byte[0]};
        for (byte[] in : inputs) {
            for (String protocol : new String[]{"default", "compatible"}) {
                ObjectNode c = decode.addObject();
                c.put("kind", "assignment");
                c.put("protocol", protocol);
                c.put("bytes", B64.encodeToString(in));
                try {
                    if (protocol.equals("default")) {
                        ConnectProtocol.Assignment a = ConnectProtocol.deserializeAssignment(ByteBuffer.wrap(in));
                        c.set("result", eagerAssignment(a, in));
                    } else {
                        c.set("result", assignment(
                            IncrementalCooperativeConnectProtocol.deserializeAssignment(ByteBuffer.wrap(in)), true));
                    }
                } catch (RuntimeException e) {
                    c.put("error", e.getClass().getSimpleName());
                }
            }
        }
        byte[] v1meta = array(IncrementalCooperativeConnectProtocol.serializeMetadata(
            new ExtendedWorkerState("http://a/", 3, assignments.get(1)), false));
        byte[] v0meta = array(ConnectProtocol.serializeMetadata(new ConnectProtocol.WorkerState("http://a/", 3)));
        byte[][] metas = {v1meta, v0meta, java.util.Arrays.copyOf(v1meta, v1meta.length - 1),
            concat(v0meta, new byte[]{0, 0}), new byte[]{0, 0, 0, 5, 'a'}};
        for (byte[] in : metas) {
            for (String protocol : new String[]{"default", "compatible"}) {
                ObjectNode c = decode.addObject();
                c.put("kind", "metadata");
                c.put("protocol", protocol);
                c.put("bytes", B64.encodeToString(in));
                try {
                    ObjectNode s = JSON.createObjectNode();
                    if (protocol.equals("default")) {
                        ConnectProtocol.WorkerState w = ConnectProtocol.deserializeMetadata(ByteBuffer.wrap(in));
                        s.put("url", w.url());
                        s.put("offset", w.offset());
                        s.set("assignment", null);
                    } else {
                        ExtendedWorkerState w = IncrementalCooperativeConnectProtocol.deserializeMetadata(ByteBuffer.wrap(in));
                        s.put("url", w.url());
                        s.put("offset", w.offset());
                        // Kafka stands in its EMPTY assignment for a null allocation; that is null on the wire.
                        boolean none = w.assignment() == null || w.assignment() == ExtendedAssignment.empty();
                        s.set("assignment", none ? null : assignment(w.assignment(), true));
                    }
                    c.set("result", s);
                } catch (RuntimeException e) {
                    c.put("error", e.getClass().getSimpleName());
                }
            }
        }

        ArrayNode signatures = out.putArray("signatures");
        byte[][] bodies = {"[{\"connector.class\":\"FileStreamSource\",\"tasks.max\":\"1\"}]".getBytes(StandardCharsets.UTF_8),
            new byte[0], "{}".getBytes(StandardCharsets.UTF_8)};
        for (String alg : ALGORITHMS) {
            for (int i = 0; i < bodies.length; i++) {
                byte[] key = new byte[16 + 8 * i];
                for (int k = 0; k < key.length; k++) key[k] = (byte) (k * 37 + i);
                Mac mac = Crypto.SYSTEM.mac(alg);
                mac.init(new SecretKeySpec(key, alg));
                ObjectNode c = signatures.addObject();
                c.put("algorithm", alg);
                c.put("key", B64.encodeToString(key));
                c.put("body", B64.encodeToString(bodies[i]));
                c.put("signature", B64.encodeToString(mac.doFinal(bodies[i])));
            }
        }
        ObjectNode keys = out.putObject("keys");
        for (String alg : ALGORITHMS) {
            keys.put(alg, Crypto.SYSTEM.keyGenerator(alg).generateKey().getEncoded().length);
        }

        JSON.writeValue(Path.of(args[0], "protocol.json").toFile(), out);
    }

    private static List<ExtendedAssignment> sampleAssignments() {
        List<ExtendedAssignment> list = new ArrayList<>();
        list.add(new ExtendedAssignment((short) 1, (short) 0, "", "", -1, List.of(), List.of(), List.of(), List.of(), 0));
        list.add(new ExtendedAssignment((short) 1, (short) 0, "connect-1-4d1c", "http://leader:8083/", 12,
            List.of("file-source"), List.of(new ConnectorTaskId("file-source", 0)), List.of(), List.of(), 0));
        // Twelve and thirteen connectors: new HashSet<>(list) sizes its table from the list, not by growing.
        List<String> twelve = new ArrayList<>();
        for (int i = 0; i < 12; i++) twelve.add("conn-" + i);
        twelve.add("conn-3"); // a repeat counts toward the HashSet's initial size
        List<ConnectorTaskId> tasks = new ArrayList<>();
        for (int i = 11; i >= 0; i -= 2) tasks.add(new ConnectorTaskId("conn-" + i, i));
        tasks.add(new ConnectorTaskId("only-tasks", 3));
        tasks.add(new ConnectorTaskId("conn-1", 0));
        list.add(new ExtendedAssignment((short) 1, (short) 1, "leader-ü", "http://l/", Long.MAX_VALUE, twelve, tasks,
            List.of("gone", "alsogone", "gone"), List.of(new ConnectorTaskId("gone", 2), new ConnectorTaskId("x", 0)), 300000));
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 40; i++) many.add("c" + (i * 7919 % 100));
        list.add(new ExtendedAssignment((short) 2, (short) 0, "m", "", 5, many, List.of(), List.of(),
            List.of(new ConnectorTaskId("Aa", 1), new ConnectorTaskId("BB", 1)), -5));
        List<String> thirteen = new ArrayList<>(twelve.subList(0, 12));
        thirteen.add("Aa");
        thirteen.add("BB"); // same String.hashCode as "Aa": one bucket, insertion order
        list.add(new ExtendedAssignment((short) 1, (short) 0, "m", "u", 0, thirteen, List.of(), List.of(), List.of(), 1));
        return list;
    }

    private static ObjectNode assignment(ExtendedAssignment a, boolean extended) {
        ObjectNode o = JSON.createObjectNode();
        o.put("version", a.version());
        o.put("error", a.error());
        o.put("leader", a.leader());
        o.put("leaderUrl", a.leaderUrl());
        o.put("offset", a.offset());
        strings(o.putArray("connectors"), a.connectors());
        tasks(o.putArray("tasks"), a.tasks());
        if (extended) {
            strings(o.putArray("revokedConnectors"), a.revokedConnectors());
            tasks(o.putArray("revokedTasks"), a.revokedTasks());
            o.put("delay", a.delay());
        }
        return o;
    }

    private static ObjectNode eagerAssignment(ConnectProtocol.Assignment a, byte[] in) {
        ObjectNode o = JSON.createObjectNode();
        o.put("version", ByteBuffer.wrap(in).getShort());
        o.put("error", a.error());
        o.put("leader", a.leader());
        o.put("leaderUrl", a.leaderUrl());
        o.put("offset", a.offset());
        strings(o.putArray("connectors"), a.connectors());
        tasks(o.putArray("tasks"), a.tasks());
        return o;
    }

    private static void strings(ArrayNode arr, Collection<String> list) {
        for (String s : list) arr.add(s);
    }

    private static void tasks(ArrayNode arr, Collection<ConnectorTaskId> list) {
        for (ConnectorTaskId t : list) arr.addArray().add(t.connector()).add(t.task());
    }

    private static String bytes(ByteBuffer b) {
        return b == null ? null : B64.encodeToString(array(b));
    }

    private static byte[] array(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
