package dev.sluice.oracle;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.file.Path;
import java.text.ParsePosition;
import java.text.SimpleDateFormat;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Random;
import java.util.TimeZone;

/**
 * Golden vectors for Sluice's SimpleDateFormat (TimestampRouter's timestamp.format, TimestampConverter's format),
 * from java.text.SimpleDateFormat itself in UTC and the en-US locale.
 *
 * <p>Usage: {@code scripts/oracle.sh SmtDateGolden transforms/internal/javatime/testdata} writes date_golden.json:
 * patterns Java rejects (with the message), every valid pattern formatting a set of instants (the "instants"
 * section), and (pattern, text) pairs parsed as DateFormat.parse(String) does, with the result in milliseconds or
 * null for a ParseException. Two-digit years are resolved against a fixed century start (the "century_start"
 * section), which Sluice's test sets too.
 */
public final class SmtDateGolden {
    private SmtDateGolden() {}

    static final long CENTURY_START = -729734400000L; // 1946-11-24T00:00:00Z, 80 years before this corpus

    static final List<String> PATTERNS = List.of("yyyyMMdd", "yyyy-MM-dd'T'HH:mm:ss.SSSZ", "yyyy-MM-dd HH:mm:ss",
            "EEE, d MMM yyyy HH:mm:ss z", "EEEE MMMM dd G yyyy", "hh:mm a", "K:mm a, z", "k", "kk:mm", "yy", "y",
            "yyyyy", "D", "DDD", "w", "ww", "W", "F", "u", "YYYY-'W'ww-u", "S", "SS", "SSS", "SSSS", "XXX", "XX", "X",
            "ZZZZ", "zzzz", "'o''clock'", "''", "MMMMM", "LLL", "LL", "GGGG", "E", "EEEEEE", "h", "K", "H", "HH:mm:ss",
            "yyyy.MM.dd G 'at' HH:mm:ss z", "EEE, MMM d, ''yy", "h:mm a", "hh 'o''clock' a, zzzz", "yyMMddHHmmssZ",
            "YYYY", "YY", "\u00e9yyyy", "yyyy\u5e74MM\u6708dd\u65e5", "yyyy-MM-dd'T'HH", "${yyyy}", "a", "M/d/y",
            "'week' w, EEE", "yyyy'-'MM", "dd.MM.yyyy HH:mm:ss.SSS XXX");

    static final List<String> INVALID = List.of("yyyy-qq", "'unterminated", "yyyy'", "b", "yyyy-MM-ddTHH", "B",
            "n", "Q", "yyyy-MM-dd'T'HH:mm:ss'", "e", "c", "VV", "O");

    static List<Long> instants() {
        List<Long> out = new ArrayList<>(List.of(0L, -1L, 1L, 999L, 1700000000123L, 946684799999L, 951782400000L,
                1709210700000L, 253402300799999L, -62135596800000L, -12219292800000L, -12219292800001L,
                -62198755200000L, 4102444800000L, 1234567890123L, -1234567890123L, 43200000L, 86399999L,
                -86400000L, 1704067199999L, 1704067200000L, 1735603200000L, 1735689599999L, 1419984000000L,
                1451520000000L, 1483142400000L, 1514678400000L, 1546214400000L, 1577750400000L, 1609372800000L,
                1640908800000L, 1672444800000L, -2208988800000L, -30610224000000L, 32503680000000L));
        Random r = new Random(42);
        for (int i = 0; i < 40; i++) out.add((long) (r.nextDouble() * 4e12) - 1000000000000L);
        return out;
    }

    static final String[][] PARSE = {
        {"yyyy-MM-dd", "2024-02-29"}, {"yyyy-MM-dd", "2024-2-9"}, {"yyyy-MM-dd", "2024-13-01"},
        {"yyyy-MM-dd", "2024-02-30"}, {"yyyy-MM-dd", " 2024-01-01"}, {"yyyy-MM-dd", "2024-01-01 trailing"},
        {"yyyy-MM-dd", "24-01-01"}, {"yyyy-MM-dd", "abc"}, {"yyyy-MM-dd", "2024-01"}, {"yyyy-MM-dd", ""},
        {"yyyy-MM-dd", "2024-00-00"}, {"yyyy-MM-dd", "2024--1-05"}, {"yyyy-MM-dd", "\uff12\uff10\uff12\uff14-01-01"},
        {"yyyy-MM-dd", "2024-01-01T10:00"}, {"yyyy-MM-dd", "99999-01-01"}, {"yyyy-MM-dd", "0000-01-01"},
        {"yyyy-MM-dd", "-0044-03-15"}, {"yyyy-MM-dd", "1582-10-10"}, {"yyyy-MM-dd", "1582-10-04"},
        {"yyyy-MM-dd", "1582-10-15"}, {"yyyy-MM-dd", "2024-01-99999999999"},
        {"yyMMdd", "240101"}, {"yyMMdd", "2401011"}, {"yy", "24"}, {"yy", "46"}, {"yy", "47"}, {"yy", "45"},
        {"yy", "99"}, {"yy", "00"}, {"yy", "123"}, {"yy", "5"}, {"y", "24"}, {"yyyy", "24"}, {"yyyy", "-5"},
        {"yyyyMMdd", "20240229"}, {"yyyyMMdd", "2024022"}, {"yyyyMMddHHmmss", "20240229134500"},
        {"dd/MM/yyyy HH:mm", "29/02/2024 13:45"}, {"dd/MM/yyyy HH:mm", "29/02/2024 1:5"},
        {"yyyy-MM-dd'T'HH:mm:ss.SSSZ", "2024-02-29T13:45:00.123+0530"},
        {"yyyy-MM-dd'T'HH:mm:ss.SSSZ", "2024-02-29T13:45:00.123-0800"},
        {"yyyy-MM-dd'T'HH:mm:ss.SSSZ", "2024-02-29T13:45:00.123Z"},
        {"yyyy-MM-dd'T'HH:mm:ss.SSSZ", "2024-02-29T13:45:00.123GMT+05:30"},
        {"yyyy-MM-dd'T'HH:mm:ss.SSSZ", "2024-02-29T13:45:00.123 UTC"},
        {"yyyy-MM-dd'T'HH:mm:ss.SSSXXX", "2024-02-29T13:45:00.123Z"},
        {"yyyy-MM-dd'T'HH:mm:ss.SSSXXX", "2024-02-29T13:45:00.123+05:30"},
        {"yyyy-MM-dd'T'HH:mm:ss.SSSXXX", "2024-02-29T13:45:00.123+0530"},
        {"yyyy-MM-dd'T'HH:mm:ssX", "2024-02-29T13:45:00-08"}, {"yyyy-MM-dd'T'HH:mm:ssXX", "2024-02-29T13:45:00-0830"},
        {"EEE, d MMM yyyy HH:mm:ss z", "Thu, 29 Feb 2024 13:45:00 UTC"},
        {"EEE, d MMM yyyy HH:mm:ss z", "Mon, 29 Feb 2024 13:45:00 GMT"},
        {"EEE, d MMM yyyy HH:mm:ss z", "thursday, 29 february 2024 13:45:00 GMT+5"},
        {"EEE, d MMM yyyy HH:mm:ss z", "Thu, 29 Feb 2024 13:45:00 Coordinated Universal Time"},
        {"EEE, d MMM yyyy HH:mm:ss z", "Thu, 29 Feb 2024 13:45:00 -0100"},
        {"EEE, d MMM yyyy HH:mm:ss z", "Thu, 29 Feb 2024 13:45:00"},
        {"hh:mm a", "01:30 PM"}, {"hh:mm a", "12:00 AM"}, {"hh:mm a", "12:00 pm"}, {"hh:mm a", "13:00 PM"},
        {"hh:mm a", "01:30"}, {"h:mm a", "1:30 am"}, {"K:mm a", "0:30 PM"}, {"a h", "PM 3"},
        {"k:mm", "24:00"}, {"k:mm", "0:00"}, {"H:mm", "24:00"}, {"HH:mm:ss", "25:61:61"}, {"HH:mm:ss", "-1:00:00"},
        {"S", "5000"}, {"SSS", "1"}, {"ss.SSS", "01.5"},
        {"MMM d yyyy", "jan 5 2024"}, {"MMM d yyyy", "September 5 2024"}, {"MMM d yyyy", "Sept 5 2024"},
        {"MMMM d yyyy", "Sep 5 2024"}, {"MMM d yyyy", " Jan 5 2024"}, {"MMM d yyyy", "Mayo 5 2024"},
        {"D yyyy", "60 2024"}, {"D yyyy", "400 2023"}, {"yyyy D", "2024 60"}, {"d D yyyy", "5 60 2024"},
        {"D d MM yyyy", "60 5 01 2024"}, {"G yyyy", "BC 0044"}, {"G yyyy", "ad 2024"}, {"yyyy G", "44 BC"},
        {"yyyy-MM-dd HH:mm:ss", "2024-02-29 13:45:00"}, {"yyyy-MM-dd HH:mm:ss", "2024-02-29\t13:45:00"},
        {"yyyy-MM-dd HH:mm:ss", "2024-02-29  13:45:00"}, {"EEE yyyy-MM-dd", "Fri 2024-02-29"},
        {"yyyy-MM-dd EEE", "2024-02-29 Xyz"}, {"'at' HH", "at 05"}, {"'at' HH", "At 05"}, {"yyyy'-'MM", "2024-02"},
        {"yyyy\u5e74MM\u6708dd\u65e5", "2024\u5e7402\u670829\u65e5"}, {"yyyy", "\u0662\u0660\u0662\u0664"},
        {"yyyy-MM-dd", "2024-02-29\u0000"}, {"HHmm", "1234"}, {"HHmm", "123"}, {"MMdd", "0229"},
        // Week-based fields and a weekday without a day: Sluice refuses to parse with these patterns.
        {"YYYY-'W'ww-u", "2024-W09-4"}, {"EEE MMM yyyy", "Thu Feb 2024"}, {"F E MMM yyyy", "2 Thu Feb 2024"},
    };

    public static void main(String[] args) throws Exception {
        ValuesJson.Golden g = new ValuesJson.Golden();
        g.add("century_start", Tv.F.numberNode(CENTURY_START));
        List<Long> instants = instants();
        for (long ms : instants) g.add("instants", Tv.F.numberNode(ms));
        for (String p : PATTERNS) {
            ObjectNode c = ValuesJson.obj();
            c.put("pattern", p);
            SimpleDateFormat f = new SimpleDateFormat(p);
            f.setTimeZone(TimeZone.getTimeZone("UTC"));
            ArrayNode out = c.putArray("formatted");
            for (long ms : instants) out.add(f.format(new Date(ms)));
            g.add("format", c);
        }
        for (String p : INVALID) {
            ObjectNode c = ValuesJson.obj();
            c.put("pattern", p);
            try {
                new SimpleDateFormat(p);
                c.putNull("error");
            } catch (IllegalArgumentException e) {
                c.put("error", e.getMessage());
            }
            g.add("invalid", c);
        }
        for (String[] pt : PARSE) {
            ObjectNode c = ValuesJson.obj();
            c.put("pattern", pt[0]);
            c.put("text", pt[1]);
            SimpleDateFormat f = new SimpleDateFormat(pt[0]);
            f.setTimeZone(TimeZone.getTimeZone("UTC"));
            f.set2DigitYearStart(new Date(CENTURY_START));
            ParsePosition pos = new ParsePosition(0);
            Date d = f.parse(pt[1], pos);
            if (d == null) c.putNull("millis"); else c.put("millis", d.getTime());
            g.add("parse", c);
        }
        g.write(Path.of(args[0], "date_golden.json"));
    }
}
