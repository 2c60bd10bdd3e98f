// Apache Avro's own SchemaCompatibility over every ordered pair of testdata/compat_schemas.json: the golden
// vectors for schemas/registry/compat. Run by TestCompatGoldenAgainstJava (integration) with the Kafka jars and
// avro-1.12.0 on the classpath:  java CompatGolden compat_schemas.json > compat_golden.json
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;

public class CompatGolden {
  public static void main(String[] args) throws Exception {
    ObjectMapper m = new ObjectMapper();
    String[] texts = m.readValue(new File(args[0]), String[].class);
    List<Map<String, Object>> out = new ArrayList<>();
    for (int r = 0; r < texts.length; r++) {
      for (int w = 0; w < texts.length; w++) {
        Schema reader = new Schema.Parser().parse(texts[r]);
        Schema writer = new Schema.Parser().parse(texts[w]);
        SchemaCompatibility.SchemaPairCompatibility c =
            SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
        TreeSet<String> types = new TreeSet<>();
        for (SchemaCompatibility.Incompatibility i : c.getResult().getIncompatibilities()) {
          types.add(i.getType().name());
        }
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("reader", r);
        row.put("writer", w);
        row.put("compatible", c.getType() == SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE);
        row.put("types", types);
        out.add(row);
      }
    }
    StringBuilder sb = new StringBuilder("[\n");
    for (int i = 0; i < out.size(); i++) {
      sb.append(m.writeValueAsString(out.get(i))).append(i + 1 < out.size() ? ",\n" : "\n");
    }
    System.out.print(sb.append("]\n"));
  }
}
