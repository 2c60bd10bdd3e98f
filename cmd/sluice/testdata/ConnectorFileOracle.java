// Parses every file in connectorfiles/ with Kafka 4.3.1's ConnectStandalone.parseConnectorConfigurationFile
// (the code connect-standalone runs on its connector arguments) and writes golden.json:
//
//   cd cmd/sluice && java -cp "<kafka jars>/*" testdata/ConnectorFileOracle.java testdata <out.json>
//
// Run by connectorfile_integration_test.go (SLUICE_UPDATE_GOLDEN=1 rewrites connectorfiles.golden.json with
// it). Each file maps to {"name", "config", "initial_state"} or
// {"error": "<exception class>: <message>"} with the directory replaced by @DIR@.
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.File;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.*;

public class ConnectorFileOracle {
    public static void main(String[] args) throws Exception {
        File dir = new File(args[0], "connectorfiles");
        Class<?> cli = Class.forName("org.apache.kafka.connect.cli.ConnectStandalone");
        Object standalone = cli.getConstructor(String[].class).newInstance((Object) new String[0]);
        Method parse = cli.getDeclaredMethod("parseConnectorConfigurationFile", String.class);
        parse.setAccessible(true);
        String[] names = dir.list();
        Arrays.sort(names);
        Map<String, Object> out = new TreeMap<>();
        for (String name : names) {
            String path = new File(dir, name).getPath();
            Map<String, Object> result = new TreeMap<>();
            try {
                Object req = parse.invoke(standalone, path);
                Class<?> rc = req.getClass();
                result.put("name", rc.getMethod("name").invoke(req));
                Object config = rc.getMethod("config").invoke(req);
                result.put("config", config == null ? null : new TreeMap<>((Map<?, ?>) config));
                Object state = rc.getMethod("initialState").invoke(req);
                result.put("initial_state", state == null ? null : state.toString());
            } catch (InvocationTargetException e) {
                Throwable c = e.getCause();
                result.put("error", c.getClass().getSimpleName() + ": " + c.getMessage().replace(dir.getPath(), "@DIR@"));
            }
            out.put(name, result);
        }
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .writeValue(new File(args[1]), out);
    }
}
