// Regenerates golden.json from java.util.Properties, the parser Kafka uses for every .properties file:
//
//   java worker/properties/testdata/PropertiesGolden.java worker/properties/testdata
//
// Each input/<name>.properties is loaded through a UTF-8 Reader (what FileConfigProvider does; Kafka's
// Utils.loadProps reads ISO-8859-1, which differs only for non-ASCII bytes) and written out as a sorted JSON
// object, or as {"error": true} when Properties.load throws.
import java.io.*;
import java.nio.charset.StandardCharsets;
import java.nio.file.*;
import java.util.*;

public class PropertiesGolden {
    public static void main(String[] args) throws IOException {
        Path dir = Paths.get(args[0]);
        List<Path> inputs = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir.resolve("input"), "*.properties")) {
            ds.forEach(inputs::add);
        }
        Collections.sort(inputs);
        StringBuilder out = new StringBuilder("{\n");
        for (int i = 0; i < inputs.size(); i++) {
            Path p = inputs.get(i);
            String name = p.getFileName().toString().replace(".properties", "");
            out.append("  ").append(json(name)).append(": ");
            Properties props = new Properties();
            try (Reader r = Files.newBufferedReader(p, StandardCharsets.UTF_8)) {
                props.load(r);
                TreeMap<String, String> sorted = new TreeMap<>();
                for (String k : props.stringPropertyNames()) sorted.put(k, props.getProperty(k));
                out.append("{");
                String sep = "";
                for (Map.Entry<String, String> e : sorted.entrySet()) {
                    out.append(sep).append(json(e.getKey())).append(": ").append(json(e.getValue()));
                    sep = ", ";
                }
                out.append("}");
            } catch (IllegalArgumentException e) {
                out.append("{\"error\": true}");
            }
            out.append(i + 1 < inputs.size() ? ",\n" : "\n");
        }
        out.append("}\n");
        Files.write(dir.resolve("golden.json"), out.toString().getBytes(StandardCharsets.UTF_8));
    }

    static String json(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') b.append('\\').append(c);
            else if (c < 0x20 || (c >= 0xd800 && c <= 0xdfff)) b.append(String.format("\\u%04x", (int) c));
            else b.append(c);
        }
        return b.append('"').toString();
    }
}
