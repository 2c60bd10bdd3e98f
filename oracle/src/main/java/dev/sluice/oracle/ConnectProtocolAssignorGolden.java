package dev.sluice.oracle;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.kafka.common.utils.LogContext;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.connect.runtime.TargetState;
import org.apache.kafka.connect.runtime.distributed.IncrementalCooperativeAssignor;
import org.apache.kafka.connect.runtime.distributed.WorkerCoordinator.ConnectorsAndTasks;
import org.apache.kafka.connect.storage.AppliedConnectorConfig;
import org.apache.kafka.connect.storage.ClusterConfigState;
import org.apache.kafka.connect.util.ConnectorTaskId;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Golden rebalances from Kafka's own IncrementalCooperativeAssignor: scripted scenarios (workers joining and
 * leaving, connectors created and deleted, time passing, failed rounds, leader changes) run against the real
 * assignor, recording after every rebalance what each worker is newly assigned, what is revoked from it and
 * everything it then runs, in Kafka's order, and the delay.
 *
 * <pre>
 * scripts/oracle.sh ConnectProtocolAssignorGolden worker/cluster/testdata     # writes assignor.json
 * </pre>
 *
 * A scenario is {"name", "maxDelay", "steps": [step...], "rounds": [round...]}. Steps: "join W", "leave W",
 * "connector C N" (create or resize to N tasks), "delete C", "sleep MS", "leader" (a new leader: a fresh
 * assignor), and "rebalance", "fail" (the assignment is not delivered) or "mismatch" (a round reporting a last
 * completed generation two behind, as when the leader's previous sync failed outside the assignor), each of which adds one round: {"delay", "workers":
 * {W: {"connectors","tasks","revokedConnectors","revokedTasks","allConnectors","allTasks"}}}. Members join the
 * group in join order, and the leader receives them in that order, as in a JoinGroup response.
 * The assignor's package-private round entry point (performTaskAssignment on a ClusterConfigState) is reached by
 * reflection, as Kafka's own tests reach it.
 */
public final class ConnectProtocolAssignorGolden {
    private ConnectProtocolAssignorGolden() {}

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** A clock that moves only when a scenario sleeps. */
    private static final class FakeTime implements Time {
        long now = 1_700_000_000_000L;

        public long milliseconds() { return now; }
        public long nanoseconds() { return now * 1_000_000; }
        public void sleep(long ms) { now += ms; }
        public void waitObject(Object o, Supplier<Boolean> done, long deadline) {
            throw new UnsupportedOperationException();
        }
    }

    private static final String[][] SCENARIOS = {
        {"grow-one-by-one", "300000", "connector connector1 4", "connector connector2 4", "join worker1", "rebalance",
            "join worker2", "rebalance", "rebalance", "join worker3", "rebalance", "rebalance", "sleep 100000", "rebalance"},
        {"successive-revocations", "300000", "connector connector1 4", "connector connector2 4", "connector connector3 4",
            "join worker1", "rebalance", "join worker2", "rebalance", "join worker3", "rebalance", "sleep 40",
            "join worker4", "rebalance", "join worker5", "rebalance", "sleep 1600", "join worker6", "rebalance", "rebalance"},
        {"max-delay-0", "0", "connector a 5", "connector b 3", "connector c 1", "join w1", "join w2", "rebalance",
            "join w3", "rebalance", "rebalance", "leave w1", "rebalance", "join w1", "rebalance", "rebalance"},
        {"worker-bounces", "300000", "connector connector1 4", "connector connector2 4", "join worker1", "join worker2",
            "rebalance", "leave worker2", "rebalance", "sleep 150000", "rebalance", "sleep 75000", "join worker2",
            "rebalance", "sleep 75000", "rebalance", "rebalance"},
        {"worker-leaves-for-good", "10000", "connector s 6", "connector t 2", "join connect-1-a", "join connect-2-b",
            "join connect-3-c", "rebalance", "leave connect-2-b", "rebalance", "sleep 4000", "join connect-4-d",
            "rebalance", "sleep 6001", "rebalance", "rebalance"},
        {"leader-leaves", "300000", "connector connector1 4", "connector connector2 4", "join worker1", "join worker2",
            "join worker3", "rebalance", "leave worker1", "leader", "rebalance", "rebalance"},
        {"failed-rounds", "300000", "connector connector1 4", "connector connector2 4", "join worker1", "join worker2",
            "rebalance", "join worker3", "fail", "mismatch", "sleep 40", "rebalance", "rebalance"},
        {"connectors-change", "300000", "connector x 3", "connector y 3", "connector z 3", "join w1", "join w2",
            "rebalance", "delete z", "connector y 1", "connector new 5", "rebalance", "rebalance", "delete x",
            "delete y", "delete new", "rebalance"},
        {"many", "1000", "connector Aa 7", "connector BB 7", "connector conn-0 3", "connector conn-1 3",
            "connector conn-2 3", "connector conn-3 3", "connector conn-4 3", "connector conn-5 3", "join m-01",
            "join m-02", "join m-03", "join m-04", "join m-05", "rebalance", "leave m-03", "leave m-04", "rebalance",
            "sleep 1000", "rebalance", "join m-06", "join m-07", "join m-08", "rebalance", "sleep 2000", "rebalance",
            "rebalance"},
    };

    public static void main(String[] args) throws Exception {
        ArrayNode out = JSON.createArrayNode();
        for (String[] s : SCENARIOS) {
            out.add(run(s));
        }
        JSON.writeValue(Path.of(args[0], "assignor.json").toFile(), out);
    }

    private static ObjectNode run(String[] scenario) throws Exception {
        ObjectNode o = JSON.createObjectNode();
        o.put("name", scenario[0]);
        int maxDelay = Integer.parseInt(scenario[1]);
        o.put("maxDelay", maxDelay);
        ArrayNode steps = o.putArray("steps");
        ArrayNode rounds = o.putArray("rounds");
        FakeTime time = new FakeTime();
        int generation = 1000;
        IncrementalCooperativeAssignor assignor = newAssignor(time, maxDelay, generation);
        Map<String, Integer> connectors = new LinkedHashMap<>();
        Map<String, ConnectorsAndTasks> members = new LinkedHashMap<>();
        for (int i = 2; i < scenario.length; i++) {
            String step = scenario[i];
            steps.add(step);
            String[] w = step.split(" ");
            switch (w[0]) {
                case "join" -> members.put(w[1], new ConnectorsAndTasks.Builder().build());
                case "leave" -> members.remove(w[1]);
                case "connector" -> connectors.put(w[1], Integer.parseInt(w[2]));
                case "delete" -> connectors.remove(w[1]);
                case "sleep" -> time.sleep(Long.parseLong(w[1]));
                case "leader" -> assignor = newAssignor(time, maxDelay, generation);
                default -> {
                    generation++;
                    int last = w[0].equals("mismatch") ? generation - 2 : generation - 1;
                    Map<String, ConnectorsAndTasks> copy = new HashMap<>();
                    for (Map.Entry<String, ConnectorsAndTasks> e : members.entrySet()) {
                        copy.put(e.getKey(), new ConnectorsAndTasks.Builder()
                            .with(e.getValue().connectors(), e.getValue().tasks()).build());
                    }
                    Object ca = perform(assignor, configState(connectors), last, generation, copy);
                    rounds.add(record(ca, assignor, members.keySet()));
                    if (!w[0].equals("fail")) {
                        apply(ca, members);
                    }
                }
            }
        }
        return o;
    }

    private static IncrementalCooperativeAssignor newAssignor(Time time, int maxDelay, int generation) throws Exception {
        IncrementalCooperativeAssignor a = new IncrementalCooperativeAssignor(new LogContext(), time, maxDelay);
        Field f = IncrementalCooperativeAssignor.class.getDeclaredField("previousGenerationId");
        f.setAccessible(true);
        f.setInt(a, generation);
        return a;
    }

    private static Object perform(IncrementalCooperativeAssignor a, ClusterConfigState cfg, int last, int gen,
                                  Map<String, ConnectorsAndTasks> members) throws Exception {
        Method m = IncrementalCooperativeAssignor.class.getDeclaredMethod("performTaskAssignment",
            ClusterConfigState.class, int.class, int.class, Map.class);
        m.setAccessible(true);
        return m.invoke(a, cfg, last, gen, members);
    }

    @SuppressWarnings("unchecked")
    private static <T> Collection<T> call(Object ca, String method, String worker) throws Exception {
        Method m = ca.getClass().getMethod(method, String.class);
        m.setAccessible(true);
        return (Collection<T>) m.invoke(ca, worker);
    }

    @SuppressWarnings("unchecked")
    private static <T> Collection<T> all(Object ca, String method, String worker) throws Exception {
        Method m = ca.getClass().getMethod(method);
        m.setAccessible(true);
        Collection<T> c = ((Map<String, Collection<T>>) m.invoke(ca)).get(worker);
        return c == null ? Collections.emptyList() : c;
    }

    private static ObjectNode record(Object ca, IncrementalCooperativeAssignor a, Collection<String> members) throws Exception {
        ObjectNode r = JSON.createObjectNode();
        Field delay = IncrementalCooperativeAssignor.class.getDeclaredField("delay");
        delay.setAccessible(true);
        r.put("delay", delay.getInt(a));
        ObjectNode workers = r.putObject("workers");
        for (String w : new TreeSet<>(members)) {
            ObjectNode o = workers.putObject(w);
            strings(o.putArray("connectors"), call(ca, "newlyAssignedConnectors", w));
            tasks(o.putArray("tasks"), call(ca, "newlyAssignedTasks", w));
            strings(o.putArray("revokedConnectors"), call(ca, "newlyRevokedConnectors", w));
            tasks(o.putArray("revokedTasks"), call(ca, "newlyRevokedTasks", w));
            strings(o.putArray("allConnectors"), all(ca, "allAssignedConnectors", w));
            tasks(o.putArray("allTasks"), all(ca, "allAssignedTasks", w));
        }
        return r;
    }

    /** What a member does with its assignment: drop the revoked, then add the new, keeping order. */
    private static void apply(Object ca, Map<String, ConnectorsAndTasks> members) throws Exception {
        for (Map.Entry<String, ConnectorsAndTasks> e : members.entrySet()) {
            String w = e.getKey();
            LinkedHashSet<String> cs = new LinkedHashSet<>(e.getValue().connectors());
            LinkedHashSet<ConnectorTaskId> ts = new LinkedHashSet<>(e.getValue().tasks());
            cs.removeAll(ConnectProtocolAssignorGolden.<String>call(ca, "newlyRevokedConnectors", w));
            ts.removeAll(ConnectProtocolAssignorGolden.<ConnectorTaskId>call(ca, "newlyRevokedTasks", w));
            cs.addAll(ConnectProtocolAssignorGolden.<String>call(ca, "newlyAssignedConnectors", w));
            ts.addAll(ConnectProtocolAssignorGolden.<ConnectorTaskId>call(ca, "newlyAssignedTasks", w));
            e.setValue(new ConnectorsAndTasks.Builder().with(cs, ts).build());
        }
    }

    private static ClusterConfigState configState(Map<String, Integer> connectors) {
        Map<String, Integer> counts = new HashMap<>(connectors);
        Map<String, Map<String, String>> configs = new HashMap<>();
        Map<String, TargetState> states = new HashMap<>();
        Map<String, AppliedConnectorConfig> applied = new HashMap<>();
        Map<ConnectorTaskId, Map<String, String>> taskConfigs = new HashMap<>();
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            configs.put(e.getKey(), Map.of());
            states.put(e.getKey(), TargetState.STARTED);
            applied.put(e.getKey(), new AppliedConnectorConfig(Map.of()));
            for (int i = 0; i < e.getValue(); i++) taskConfigs.put(new ConnectorTaskId(e.getKey(), i), Map.of());
        }
        return new ClusterConfigState(618, null, counts, configs, states, taskConfigs, Map.of(), Map.of(), applied,
            Collections.emptySet(), Collections.emptySet());
    }

    private static void strings(ArrayNode arr, Collection<String> list) {
        for (String s : list) arr.add(s);
    }

    private static void tasks(ArrayNode arr, Collection<ConnectorTaskId> list) {
        for (ConnectorTaskId t : list) arr.addArray().add(t.connector()).add(t.task());
    }
}
