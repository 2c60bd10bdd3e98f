// Prints the configuration keys of Kafka's producer, consumer and admin clients as JSON, for clientdefs.json:
// the definitions Kafka Connect shows for producer.override.*, consumer.override.* and admin.override.* keys.
// Run by gen.sh against the Kafka 4.3.1 jars.
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigDef;

public class ClientDefs {
    public static void main(String[] args) {
        StringBuilder b = new StringBuilder("{");
        client(b, "producer", ProducerConfig.configDef());
        b.append(",");
        client(b, "consumer", ConsumerConfig.configDef());
        b.append(",");
        client(b, "admin", AdminClientConfig.configDef());
        b.append("}\n");
        System.out.print(b);
    }

    static void client(StringBuilder b, String name, ConfigDef def) {
        str(b, name);
        b.append(":[");
        boolean first = true;
        for (Map.Entry<String, ConfigDef.ConfigKey> e : def.configKeys().entrySet()) {
            ConfigDef.ConfigKey k = e.getValue();
            if (!first) b.append(",\n");
            first = false;
            b.append("{\"name\":");
            str(b, k.name);
            b.append(",\"type\":");
            str(b, k.type.name());
            b.append(",\"required\":").append(!k.hasDefault());
            b.append(",\"default\":");
            str(b, k.hasDefault() ? ConfigDef.convertToString(k.defaultValue, k.type) : null);
            b.append(",\"importance\":");
            str(b, k.importance.name());
            b.append(",\"doc\":");
            str(b, k.documentation);
            b.append(",\"group\":");
            str(b, k.group);
            b.append(",\"order\":").append(k.orderInGroup);
            b.append(",\"width\":");
            str(b, k.width.name());
            b.append(",\"display\":");
            str(b, k.displayName);
            b.append(",\"dependents\":[");
            List<String> deps = k.dependents;
            for (int i = 0; i < deps.size(); i++) {
                if (i > 0) b.append(",");
                str(b, deps.get(i));
            }
            b.append("],\"internal\":").append(k.internalConfig).append("}");
        }
        b.append("]");
    }

    static void str(StringBuilder b, String s) {
        if (s == null) {
            b.append("null");
            return;
        }
        b.append('"');
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"': b.append("\\\""); break;
                case '\\': b.append("\\\\"); break;
                case '\n': b.append("\\n"); break;
                case '\r': b.append("\\r"); break;
                case '\t': b.append("\\t"); break;
                default:
                    if (c < 0x20) b.append(String.format("\\u%04x", (int) c));
                    else b.append(c);
            }
        }
        b.append('"');
    }
}
