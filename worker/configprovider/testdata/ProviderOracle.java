// Resolves configprovider's oracle cases with Kafka 4.3.1's own classes, as the Connect worker does
// (Worker.initConfigTransformer: the names in config.providers, each provider's .class instantiated and
// configured with its .param.* properties, then ConfigTransformer.transform). Run by
// oracle_integration_test.go:
//
//   java -cp "<kafka jars>/*" worker/configprovider/testdata/ProviderOracle.java <cases.json> <out.json>
//
// cases.json is a list of {"name", "worker", "props"}; out.json maps each name to {"data": {...}} or
// {"error": "<exception class>: <message>"}.
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.core.type.TypeReference;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigTransformer;
import org.apache.kafka.common.config.provider.ConfigProvider;

import java.io.File;
import java.util.*;

public class ProviderOracle {
    public static void main(String[] args) throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        List<Map<String, Object>> cases = mapper.readValue(new File(args[0]), new TypeReference<>() { });
        Map<String, Object> out = new TreeMap<>();
        for (Map<String, Object> c : cases) {
            @SuppressWarnings("unchecked") Map<String, String> worker = (Map<String, String>) c.get("worker");
            @SuppressWarnings("unchecked") Map<String, String> props = (Map<String, String>) c.get("props");
            try {
                out.put((String) c.get("name"), Map.of("data", new TreeMap<>(transformer(worker).transform(props).data())));
            } catch (Exception e) {
                out.put((String) c.get("name"), Map.of("error", e.getClass().getSimpleName() + ": " + e.getMessage()));
            }
        }
        mapper.writerWithDefaultPrettyPrinter().writeValue(new File(args[1]), out);
    }

    static ConfigTransformer transformer(Map<String, String> worker) throws Exception {
        Map<String, ConfigProvider> providers = new HashMap<>();
        String names = worker.get("config.providers");
        if (names != null) {
            @SuppressWarnings("unchecked")
            List<String> list = (List<String>) ConfigDef.parseType("config.providers", names, ConfigDef.Type.LIST);
            for (String name : list) {
                String prefix = "config.providers." + name;
                String cls = worker.get(prefix + ".class");
                if (cls == null) continue;
                ConfigProvider p = (ConfigProvider) Class.forName(cls).getDeclaredConstructor().newInstance();
                Map<String, String> params = new HashMap<>();
                worker.forEach((k, v) -> {
                    if (k.startsWith(prefix + ".param.") && k.length() > (prefix + ".param.").length())
                        params.put(k.substring((prefix + ".param.").length()), v);
                });
                p.configure(params);
                providers.put(name, p);
            }
        }
        return new ConfigTransformer(providers);
    }
}
