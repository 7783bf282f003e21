package dev.tunegate.audit;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds personal data in text with patterns and checksums: payment cards (13–19 digits, Luhn),
 * IBANs (ISO 13616 mod-97), US SSNs (area/group/serial rules), e-mail addresses, IPv4 and IPv6
 * addresses and phone numbers (9–15 digits with separators). Detectors run from the most specific
 * to the least, and a span claimed by one is not reported again by another (a card number is not
 * also a phone number). Stateless and thread-safe.
 */
public final class PiiScanner {
    private static final Pattern CARD = Pattern.compile("(?<![\\d-])\\d(?:[ -]?\\d){12,18}(?![\\d-])");
    private static final Pattern IBAN =
            Pattern.compile("\\b[A-Z]{2}\\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?\\b");
    private static final Pattern SSN =
            Pattern.compile("(?<![\\d-])(?!000|666|9\\d\\d)\\d{3}-(?!00)\\d{2}-(?!0000)\\d{4}(?![\\d-])");
    private static final Pattern EMAIL =
            Pattern.compile("(?<![\\w.+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}\\b");
    private static final Pattern IPV4 = Pattern.compile(
            "(?<![\\d.])(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(?:\\.(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}(?![\\d.])");
    private static final Pattern IPV6 =
            Pattern.compile("(?<![\\w:])(?:[0-9A-Fa-f]{0,4}:){2,7}[0-9A-Fa-f]{0,4}(?![\\w:])");
    private static final Pattern PHONE = Pattern.compile(
            "(?<![\\w+])(?:\\+\\d{1,3}[ .-]?)?(?:\\(\\d{1,4}\\)[ .-]?)?\\d{2,4}(?:[ .-]\\d{2,4}){1,4}(?![\\w-])");

    /** All personal data in {@code text}, in detector order then position. */
    public List<PiiHit> scan(String text) {
        if (text == null || text.isEmpty()) return List.of();
        List<PiiHit> hits = new ArrayList<>(0);
        BitSet claimed = new BitSet(text.length());
        List<int[]> spans = numericSpans(text, 4);
        for (int[] sp : spans) if (sp[2] >= 9) find(text, sp[0], sp[1], CARD, claimed, hits, PiiKind.PAYMENT_CARD);
        for (int[] sp : spans) if (sp[2] >= 9) find(text, sp[0], sp[1], IBAN, claimed, hits, PiiKind.IBAN);
        for (int[] sp : spans) if (sp[2] >= 9) find(text, sp[0], sp[1], SSN, claimed, hits, PiiKind.US_SSN);
        if (text.indexOf('@') >= 0)
            find(text, 0, text.length(), EMAIL, claimed, hits, PiiKind.EMAIL); // no @, no address
        for (int[] sp : spans) find(text, sp[0], sp[1], IPV4, claimed, hits, PiiKind.IPV4);
        for (int[] sp : hexColonSpans(text)) find(text, sp[0], sp[1], IPV6, claimed, hits, PiiKind.IPV6);
        for (int[] sp : spans) if (sp[2] >= 9) find(text, sp[0], sp[1], PHONE, claimed, hits, PiiKind.PHONE);
        return hits;
    }

    /**
     * Regions that may hold a card, IBAN, SSN, phone number or IPv4 address: runs of digits, capital
     * letters, spaces and {@code +().-} with at least {@code minDigits} digits, as {start, end, digits}.
     * The number patterns only run there, so ordinary prose costs one pass over its characters.
     */
    static List<int[]> numericSpans(String text, int minDigits) {
        List<int[]> out = new ArrayList<>(0);
        int i = 0, n = text.length();
        while (i < n) {
            while (i < n && !numeric(text.charAt(i))) i++;
            int start = i, digits = 0;
            while (i < n && numeric(text.charAt(i))) {
                if (text.charAt(i) >= '0' && text.charAt(i) <= '9') digits++;
                i++;
            }
            if (digits >= minDigits) out.add(new int[] {start, i, digits});
        }
        return out;
    }

    /** Runs of hex digits and colons with at least two colons: where an IPv6 address can be. */
    static List<int[]> hexColonSpans(String text) {
        List<int[]> out = new ArrayList<>(0);
        int from = text.indexOf(':');
        while (from >= 0) {
            int start = from, end = from;
            while (start > 0 && hexOrColon(text.charAt(start - 1))) start--;
            int colons = 0;
            while (end < text.length() && hexOrColon(text.charAt(end))) {
                if (text.charAt(end) == ':') colons++;
                end++;
            }
            if (colons >= 2) out.add(new int[] {start, end});
            from = text.indexOf(':', end);
        }
        return out;
    }

    private static boolean hexOrColon(char c) {
        return c == ':' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private static boolean numeric(char c) {
        return (c >= '0' && c <= '9')
                || (c >= 'A' && c <= 'Z')
                || c == ' '
                || c == '+'
                || c == '('
                || c == ')'
                || c == '.'
                || c == '-';
    }

    private static void find(
            String text, int from, int to, Pattern p, BitSet claimed, List<PiiHit> hits, PiiKind kind) {
        if (!mayContain(text, kind)) return;
        Matcher m = p.matcher(text).region(from, to).useTransparentBounds(true).useAnchoringBounds(false);
        while (m.find()) {
            int s = m.start(), e = m.end();
            int c = claimed.nextSetBit(s);
            if (c >= 0 && c < e) continue;
            String v = m.group();
            if (!valid(kind, v)) continue;
            claimed.set(s, e);
            hits.add(new PiiHit(kind, mask(kind, v)));
        }
    }

    /** Cheap pre-checks so that most rows never run most patterns. */
    private static boolean mayContain(String text, PiiKind kind) {
        return switch (kind) {
            case EMAIL -> text.indexOf('@') >= 0;
            case IPV6 -> text.indexOf(':') >= 0;
            case IPV4 -> text.indexOf('.') >= 0;
            case US_SSN -> text.indexOf('-') >= 0;
            default -> true;
        };
    }

    static boolean valid(PiiKind kind, String v) {
        return switch (kind) {
            case PAYMENT_CARD -> luhn(digits(v));
            case IBAN -> ibanChecksum(v.replace(" ", ""));
            case IPV6 -> ipv6(v);
            case PHONE -> {
                int n = digits(v).length();
                yield n >= 9 && n <= 15;
            }
            default -> true;
        };
    }

    /** The Luhn check of a digit string of 13 to 19 digits. */
    public static boolean luhn(String digits) {
        if (digits.length() < 13 || digits.length() > 19) return false;
        int sum = 0;
        boolean dbl = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (dbl) {
                d *= 2;
                if (d > 9) d -= 9;
            }
            sum += d;
            dbl = !dbl;
        }
        return sum % 10 == 0;
    }

    /** ISO 13616: move the first four characters to the end, letters to 10..35, the number mod 97 is 1. */
    public static boolean ibanChecksum(String iban) {
        if (iban.length() < 15 || iban.length() > 34) return false;
        String moved = iban.substring(4) + iban.substring(0, 4);
        StringBuilder num = new StringBuilder();
        for (char c : moved.toCharArray()) {
            if (Character.isDigit(c)) num.append(c);
            else if (c >= 'A' && c <= 'Z') num.append(c - 'A' + 10);
            else return false;
        }
        return new BigInteger(num.toString()).mod(BigInteger.valueOf(97)).intValue() == 1;
    }

    private static boolean ipv6(String v) {
        int dc = v.indexOf("::");
        if (dc >= 0 && v.indexOf("::", dc + 1) >= 0) return false;
        String[] parts = v.split(":", -1);
        int groups = 0;
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            if (p.isEmpty()) {
                // empty parts are only legal as part of the single "::"
                boolean edgeOfDouble = dc >= 0;
                if (!edgeOfDouble) return false;
                continue;
            }
            if (p.length() > 4) return false;
            groups++;
        }
        return dc >= 0 ? groups <= 7 && v.length() >= 2 && groups >= 1 : groups == 8;
    }

    private static String digits(String v) {
        StringBuilder b = new StringBuilder(v.length());
        for (int i = 0; i < v.length(); i++) if (Character.isDigit(v.charAt(i))) b.append(v.charAt(i));
        return b.toString();
    }

    /** Masks a value so that it cannot be recovered: keeps only a short hint of its shape. */
    static String mask(PiiKind kind, String v) {
        return switch (kind) {
            case EMAIL -> {
                int at = v.indexOf('@');
                yield v.charAt(0) + "***@" + v.substring(at + 1);
            }
            case PAYMENT_CARD, US_SSN, PHONE -> {
                String d = digits(v);
                yield "*".repeat(Math.max(0, d.length() - 4)) + d.substring(Math.max(0, d.length() - 4));
            }
            case IBAN -> {
                String c = v.replace(" ", "");
                yield c.substring(0, 2) + "*".repeat(c.length() - 6) + c.substring(c.length() - 4);
            }
            case IPV4 -> v.substring(0, v.indexOf('.')) + ".*.*.*";
            case IPV6 -> v.substring(0, Math.max(0, v.indexOf(':'))) + ":****";
        };
    }
}
