package dev.sluice.oracle;

import java.util.Map;

import static dev.sluice.oracle.SmtGolden.map;

/** SmtGolden's configuration cases: valid and invalid property maps for every SMT and predicate. */
final class SmtConfigCases {
    private SmtConfigCases() {}

    static void conf(String cls, Map<String, String> props) throws Exception {
        SmtGolden.configure(cls + " " + props, cls, props);
    }

    static void all() throws Exception {
        for (String part : new String[]{"$Key", "$Value"}) {
            String cast = "Cast" + part;
            conf(cast, map());
            conf(cast, map("spec", ""));
            conf(cast, map("spec", "int8"));
            conf(cast, map("spec", " Float64 "));
            conf(cast, map("spec", "bytes"));
            conf(cast, map("spec", "struct"));
            conf(cast, map("spec", "nope"));
            conf(cast, map("spec", "a:nope"));
            conf(cast, map("spec", "a:int8,b"));
            conf(cast, map("spec", "int8,int16"));
            conf(cast, map("spec", "a:b:c"));
            conf(cast, map("spec", "a:"));
            conf(cast, map("spec", ":int8"));
            conf(cast, map("spec", " a : int8 , b:BOOLEAN"));
            conf(cast, map("spec", "a:map"));
            conf(cast, map("spec", "a:int8", "replace.null.with.default", "maybe"));
            String ef = "ExtractField" + part;
            conf(ef, map());
            conf(ef, map("field", "a"));
            conf(ef, map("field", "a", "field.syntax.version", "v3"));
            conf(ef, map("field", "`a.b", "field.syntax.version", "V2"));
            conf(ef, map("field", "a.`b\\`", "field.syntax.version", "V2"));
            conf(ef, map("field", "`a`b`.c", "field.syntax.version", "V2"));
            conf(ef, map("field", "a.", "field.syntax.version", "V2"));
            conf("Flatten" + part, map());
            conf("Flatten" + part, map("delimiter", ""));
            String hf = "HeaderFrom" + part;
            conf(hf, map());
            conf(hf, map("fields", "a", "headers", "b", "operation", "copy"));
            conf(hf, map("fields", "a,b", "headers", "b", "operation", "copy"));
            conf(hf, map("fields", "", "headers", "", "operation", "move"));
            conf(hf, map("fields", "a", "headers", "b", "operation", "rename"));
            conf("HoistField" + part, map());
            conf("HoistField" + part, map("field", ""));
            String ins = "InsertField" + part;
            conf(ins, map());
            conf(ins, map("static.field", "s"));
            conf(ins, map("static.value", "v"));
            conf(ins, map("topic.field", "t!"));
            conf(ins, map("offset.field", "o?"));
            String mask = "MaskField" + part;
            conf(mask, map());
            conf(mask, map("fields", ""));
            conf(mask, map("fields", "a,a"));
            conf(mask, map("fields", "a", "replacement", ""));
            conf(mask, map("fields", "a", "replacement", "x"));
            String rf = "ReplaceField" + part;
            conf(rf, map());
            conf(rf, map("exclude", "a,a"));
            conf(rf, map("include", "a,,b"));
            conf(rf, map("renames", "a"));
            conf(rf, map("renames", "a:b,c"));
            conf(rf, map("renames", "a:b:c"));
            conf(rf, map("renames", ":b"));
            conf(rf, map("renames", "a:b,c:d", "exclude", "x", "include", "y"));
            String ssm = "SetSchemaMetadata" + part;
            conf(ssm, map());
            conf(ssm, map("schema.name", "n"));
            conf(ssm, map("schema.version", "x"));
            conf(ssm, map("schema.version", "2"));
            String tc = "TimestampConverter" + part;
            conf(tc, map());
            conf(tc, map("target.type", "string"));
            conf(tc, map("target.type", "string", "format", "  "));
            conf(tc, map("target.type", "String", "format", "yyyy"));
            conf(tc, map("target.type", "unix", "unix.precision", "minutes"));
            conf(tc, map("target.type", "Timestamp", "format", "yyyy-MM-dd"));
            conf(tc, map("target.type", "string", "format", "yyyy-qq"));
            conf(tc, map("target.type", "string", "format", "'unterminated"));
        }
        conf("DropHeaders", map());
        conf("DropHeaders", map("headers", ""));
        conf("DropHeaders", map("headers", "a,a"));
        conf("DropHeaders", map("headers", "a,b"));
        conf("Filter", map());
        conf("InsertHeader", map());
        conf("InsertHeader", map("header", "h"));
        conf("InsertHeader", map("header", "h", "value.literal", ""));
        conf("InsertHeader", map("header", "", "value.literal", "v"));
        conf("RegexRouter", map());
        conf("RegexRouter", map("regex", "a"));
        conf("RegexRouter", map("regex", "(a", "replacement", "b"));
        conf("RegexRouter", map("regex", "a[", "replacement", "b"));
        conf("RegexRouter", map("regex", "*a", "replacement", "b"));
        conf("RegexRouter", map("regex", "a{2,1}", "replacement", "b"));
        conf("RegexRouter", map("regex", "(?<n>a)", "replacement", "${n}"));
        conf("TimestampRouter", map());
        conf("TimestampRouter", map("timestamp.format", "yyyy-qq"));
        conf("ValueToKey", map());
        conf("ValueToKey", map("fields", ""));
        conf("ValueToKey", map("fields", "a,a"));
        conf("predicates.HasHeaderKey", map());
        conf("predicates.HasHeaderKey", map("name", ""));
        conf("predicates.HasHeaderKey", map("name", "h"));
        conf("predicates.RecordIsTombstone", map());
        conf("predicates.TopicNameMatches", map());
        conf("predicates.TopicNameMatches", map("pattern", ""));
        conf("predicates.TopicNameMatches", map("pattern", "(a"));
        conf("predicates.TopicNameMatches", map("pattern", "a.*"));
    }
}
