// Apache Avro's Schema.toString (the text Confluent's registry stores) for each schema of
// testdata/javaform_schemas.json: the golden vectors of compat.JavaForm. Run by TestJavaFormAgainstJava
// (integration):  java JavaFormGolden javaform_schemas.json > javaform_golden.json
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import org.apache.avro.Schema;

public class JavaFormGolden {
  public static void main(String[] args) throws Exception {
    ObjectMapper m = new ObjectMapper();
    String[] texts = m.readValue(new File(args[0]), String[].class);
    StringBuilder sb = new StringBuilder("[\n");
    for (int i = 0; i < texts.length; i++) {
      String s = new Schema.Parser().parse(texts[i]).toString();
      sb.append(m.writeValueAsString(s)).append(i + 1 < texts.length ? ",\n" : "\n");
    }
    System.out.print(sb.append("]\n"));
  }
}
