package dev.tunegate.audit.read;

import java.lang.invoke.VarHandle;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code --only counts} reading of a JSONL line in one pass over its bytes, without Jackson:
 * strict JSON (structure, commas and colons, string escapes including {@code \}{@code uXXXX}, no raw
 * control characters, literals and numbers as Jackson's defaults accept them) for the clean shape of
 * a format whose texts are top-level strings (prompt/completion, Alpaca), giving the row's
 * metadata and its problems, as {@link JsonRowParser#shallow} does; and for the conversation formats
 * (OpenAI chat, ShareGPT), whose texts are in an array of turns ({@link Turns}). Anything it does not fully
 * understand gives null, and the caller takes the general path: a string that is not well-formed UTF-8, a key
 * that is not plain ASCII or has an escape, a duplicate or unknown top-level key, a value of another type, a text holding "{{" or an
 * escaped brace (it could hold an unfilled placeholder), an output with nothing but whitespace outside escapes
 * (it could be blank), metadata values with escapes or of other types, nesting deeper than {@link #MAX_DEPTH}, anything after the object. So a row it reads gives exactly the
 * findings of the full parse (checked on generated lines by {@code ShallowScanTest}).
 *
 * <p>Inside strings it moves eight bytes at a time, stopping only at a quote, a backslash, a brace, a
 * control character or a non-ASCII byte (one word test on a long, {@link #stops}); a non-ASCII byte starts a
 * sequence checked as the Unicode standard's well-formed UTF-8 (its table 3-7: no overlong form, no surrogate, nothing
 * above U+10FFFF), which Jackson decodes the same.
 */
final class ShallowScan {
    private static final VarHandle LONGS = ByteScan.LONGS;
    private static final long HIGHS = ByteScan.HIGHS;
    private static final long BACKSLASHES = ByteScan.BACKSLASHES;
    private static final long BRACES = ByteScan.BRACES;
    private static final long QUOTES = 0x2222222222222222L;
    private static final long LOWS = 0x7F7F7F7F7F7F7F7FL;
    /** Added to a byte below 0x80, sets its high bit exactly when it is 0x20 or more. */
    private static final long PRINTABLE = 0x6060606060606060L;
    /** Deepest nesting read inside metadata (Jackson allows far more; deeper rows take the general path). */
    static final int MAX_DEPTH = 32;
    /** Longest number read (Jackson's limit is 1000 characters). */
    private static final int MAX_NUMBER = 100;

    private static final byte[] METADATA = ascii("metadata");
    private static final byte[][] META_KEYS = {ascii("provenance"), ascii("status"), ascii("reviewer"), ascii("era")};
    private static final ShallowRow NO_METADATA = new ShallowRow(RowMetadata.NONE, List.of());

    /**
     * A format's clean shape: its top-level text keys (every one a string, each at most once), the
     * output key (its text must certainly not be blank), and which keys must be there.
     *
     * @param keys the text keys
     * @param output index in {@code keys} of the output
     * @param required bit {@code i} set: key {@code i} is required
     * @param anyOf when non-zero, at least one of these keys (bits) must be there
     */
    record Shape(byte[][] keys, int output, int required, int anyOf, Turns turns) {
        static Shape of(List<String> keys, String output, List<String> required, List<String> anyOf) {
            byte[][] k = keys.stream().map(ShallowScan::ascii).toArray(byte[][]::new);
            int req = 0, any = 0;
            for (String r : required) req |= 1 << keys.indexOf(r);
            for (String a : anyOf) any |= 1 << keys.indexOf(a);
            return new Shape(k, keys.indexOf(output), req, any, null);
        }

        /** A conversation format: optional top-level text {@code keys} and a required array of turns. */
        static Shape turns(List<String> keys, Turns turns) {
            return new Shape(keys.stream().map(ShallowScan::ascii).toArray(byte[][]::new), -1, 0, 0, turns);
        }
    }

    /**
     * The clean array of turns of a conversation format: objects of exactly a role and a text, each a
     * string, the role one of {@code roles}; at least one of them an assistant's, and the output (the
     * last assistant turn's text) must certainly not be blank.
     *
     * @param key the array's top-level key
     * @param roleKey the role's key in a turn
     * @param textKey the text's key in a turn
     * @param roles the role names the format reads
     * @param assistant the names among them that are the assistant's
     */
    record Turns(byte[] key, byte[] roleKey, byte[] textKey, byte[][] roles, boolean[] assistant) {
        static Turns of(String key, String roleKey, String textKey, List<String> roles, List<String> assistant) {
            boolean[] a = new boolean[roles.size()];
            for (int i = 0; i < a.length; i++) a[i] = assistant.contains(roles.get(i));
            return new Turns(
                    ascii(key),
                    ascii(roleKey),
                    ascii(textKey),
                    roles.stream().map(ShallowScan::ascii).toArray(byte[][]::new),
                    a);
        }
    }

    private ShallowScan() {}

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** The row of {@code b[from, to)} read in one pass, or null when the general path must decide. */
    static ShallowRow scan(byte[] b, int from, int to, Shape shape) {
        return scan(b, from, to, shape, null);
    }

    /**
     * {@link #scan} of the line starting at {@code b[from]} in a block ending at {@code to}: the line
     * ends at the first newline after the object (only whitespace may come between), found by the same
     * pass; its index ({@code to} when the block ends first) goes to {@code end[0]}. Null when the line
     * is not read this way (its end is then not looked for).
     */
    static ShallowRow scanLine(byte[] b, int from, int to, Shape shape, int[] end) {
        return scan(b, from, to, shape, end);
    }

    private static ShallowRow scan(byte[] b, int from, int to, Shape shape, int[] end) {
        int i = ws(b, from, to);
        if (i >= to || b[i] != '{') return null;
        i = ws(b, i + 1, to);
        int seen = 0;
        boolean sawMetadata = false, sawTurns = false;
        String[] meta = null;
        if (i < to && b[i] == '}') return null; // {}: no output
        while (true) {
            if (i >= to || b[i] != '"') return null;
            int ks = i + 1;
            int ke = plainKeyEnd(b, ks, to);
            if (ke < 0) return null;
            i = ws(b, ke + 1, to);
            if (i >= to || b[i] != ':') return null;
            i = ws(b, i + 1, to);
            if (i >= to) return null;
            if (equals(b, ks, ke, METADATA)) {
                if (sawMetadata) return null;
                sawMetadata = true;
                if (b[i] == 'n') {
                    i = literal(b, i, to, "null");
                    if (i < 0) return null;
                } else if (b[i] == '{') {
                    meta = new String[4];
                    i = metadata(b, i, to, meta);
                    if (i < 0) return null;
                } else return null;
            } else if (shape.turns() != null && equals(b, ks, ke, shape.turns().key())) {
                if (sawTurns || b[i] != '[') return null;
                sawTurns = true;
                i = turns(b, i, to, shape.turns());
                if (i < 0) return null;
            } else {
                int k = keyIndex(b, ks, ke, shape.keys());
                if (k < 0 || (seen & (1 << k)) != 0 || b[i] != '"') return null;
                seen |= 1 << k;
                int s = i + 1;
                i = string(b, s, to);
                if (i < 0) return null;
                if (k == shape.output() && !visible(b, s, i - 1)) return null; // may be blank
            }
            i = ws(b, i, to);
            if (i >= to) return null;
            if (b[i] == ',') {
                i = ws(b, i + 1, to);
                continue;
            }
            if (b[i] != '}') return null;
            i = ws(b, i + 1, to);
            break;
        }
        if (end == null ? i != to : i < to && b[i] != '\n') return null; // something after the object
        if (end != null) end[0] = i;
        if ((seen & shape.required()) != shape.required()) return null;
        if (shape.anyOf() != 0 && (seen & shape.anyOf()) == 0) return null;
        if (shape.turns() != null ? !sawTurns : (seen & (1 << shape.output())) == 0) return null;
        if (meta == null) return NO_METADATA;
        List<RowProblem> problems = new ArrayList<>(0);
        RowMetadata m = RowMetadataCheck.check(meta[0], meta[1], meta[2], meta[3], problems);
        return new ShallowRow(m, problems);
    }

    /**
     * The top-level keys of the JSON object {@code b} starts with (after whitespace; what follows the object is
     * not looked at), in order, when every key is plain printable ASCII and every value one {@link #value} checks;
     * null when this reading cannot tell (the format detection then asks Jackson, which decides).
     */
    static Set<String> topLevelKeys(byte[] b) {
        int to = b.length;
        int i = ws(b, 0, to);
        if (i >= to || b[i] != '{') return null;
        i = ws(b, i + 1, to);
        Set<String> keys = new LinkedHashSet<>();
        if (i < to && b[i] == '}') return keys;
        while (true) {
            if (i >= to || b[i] != '"') return null;
            int ke = plainKeyEnd(b, i + 1, to);
            if (ke < 0) return null;
            keys.add(new String(b, i + 1, ke - i - 1, StandardCharsets.US_ASCII));
            i = ws(b, ke + 1, to);
            if (i >= to || b[i] != ':') return null;
            i = ws(b, i + 1, to);
            if (i >= to) return null;
            i = value(b, i, to, 1);
            if (i < 0) return null;
            i = ws(b, i, to);
            if (i >= to) return null;
            if (b[i] == ',') {
                i = ws(b, i + 1, to);
                continue;
            }
            return b[i] == '}' ? keys : null;
        }
    }

    /**
     * The array of turns starting at {@code b[i] == '['}, as {@link Turns} describes it; the index
     * after it, or -1 (not clean, no assistant turn, or an output that may be blank).
     */
    private static int turns(byte[] b, int i, int to, Turns shape) {
        boolean assistant = false, outputVisible = false;
        i = ws(b, i + 1, to);
        while (true) {
            if (i >= to || b[i] != '{') return -1;
            i = ws(b, i + 1, to);
            int role = -1;
            boolean text = false, visible = false;
            while (true) {
                if (i >= to || b[i] != '"') return -1;
                int ks = i + 1;
                int ke = plainKeyEnd(b, ks, to);
                if (ke < 0) return -1;
                i = ws(b, ke + 1, to);
                if (i >= to || b[i] != ':') return -1;
                i = ws(b, i + 1, to);
                if (i >= to || b[i] != '"') return -1;
                if (role < 0 && equals(b, ks, ke, shape.roleKey())) {
                    int ve = plainKeyEnd(b, i + 1, to);
                    if (ve < 0) return -1;
                    role = keyIndex(b, i + 1, ve, shape.roles());
                    if (role < 0) return -1; // an unknown role (or one with escapes): the general path
                    i = ve + 1;
                } else if (!text && equals(b, ks, ke, shape.textKey())) {
                    text = true;
                    int s = i + 1;
                    i = string(b, s, to);
                    if (i < 0) return -1;
                    visible = visible(b, s, i - 1);
                } else return -1; // another or a repeated key
                i = ws(b, i, to);
                if (i >= to) return -1;
                if (b[i] == ',') {
                    i = ws(b, i + 1, to);
                    continue;
                }
                if (b[i] != '}') return -1;
                i++;
                break;
            }
            if (role < 0 || !text) return -1;
            if (shape.assistant()[role]) {
                assistant = true;
                outputVisible = visible; // the output is the last assistant turn's text
            }
            i = ws(b, i, to);
            if (i >= to) return -1;
            if (b[i] == ',') {
                i = ws(b, i + 1, to);
                continue;
            }
            if (b[i] != ']') return -1;
            return assistant && outputVisible ? i + 1 : -1;
        }
    }

    /**
     * The metadata object starting at {@code b[i] == '{'}: the known keys' string values into {@code
     * out} (the last occurrence wins, null resets, as the tree reads them), other keys' values checked
     * and passed over. The index after it, or -1.
     */
    private static int metadata(byte[] b, int i, int to, String[] out) {
        i = ws(b, i + 1, to);
        if (i < to && b[i] == '}') return i + 1;
        while (true) {
            if (i >= to || b[i] != '"') return -1;
            int ks = i + 1;
            int ke = plainKeyEnd(b, ks, to);
            if (ke < 0) return -1;
            i = ws(b, ke + 1, to);
            if (i >= to || b[i] != ':') return -1;
            i = ws(b, i + 1, to);
            if (i >= to) return -1;
            int k = keyIndex(b, ks, ke, META_KEYS);
            if (k >= 0) {
                if (b[i] == 'n') {
                    i = literal(b, i, to, "null");
                    if (i < 0) return -1;
                    out[k] = null;
                } else if (b[i] == '"') {
                    int e = string(b, i + 1, to);
                    if (e < 0) return -1;
                    for (int j = i + 1; j < e - 1; j++) if (b[j] == '\\') return -1; // decoded by the general path
                    out[k] = new String(b, i + 1, e - 1 - (i + 1), StandardCharsets.UTF_8); // checked UTF-8
                    i = e;
                } else return -1;
            } else {
                i = value(b, i, to, 1);
                if (i < 0) return -1;
            }
            i = ws(b, i, to);
            if (i >= to) return -1;
            if (b[i] == ',') {
                i = ws(b, i + 1, to);
                continue;
            }
            return b[i] == '}' ? i + 1 : -1;
        }
    }

    /** Any JSON value at {@code b[i]} (not whitespace), checked; the index after it, or -1. */
    private static int value(byte[] b, int i, int to, int depth) {
        if (depth > MAX_DEPTH) return -1;
        switch (b[i]) {
            case '"' -> {
                return string(b, i + 1, to);
            }
            case '{' -> {
                i = ws(b, i + 1, to);
                if (i < to && b[i] == '}') return i + 1;
                while (true) {
                    if (i >= to || b[i] != '"') return -1;
                    i = string(b, i + 1, to);
                    if (i < 0) return -1;
                    i = ws(b, i, to);
                    if (i >= to || b[i] != ':') return -1;
                    i = ws(b, i + 1, to);
                    if (i >= to) return -1;
                    i = value(b, i, to, depth + 1);
                    if (i < 0) return -1;
                    i = ws(b, i, to);
                    if (i >= to) return -1;
                    if (b[i] == ',') {
                        i = ws(b, i + 1, to);
                        continue;
                    }
                    return b[i] == '}' ? i + 1 : -1;
                }
            }
            case '[' -> {
                i = ws(b, i + 1, to);
                if (i < to && b[i] == ']') return i + 1;
                while (true) {
                    if (i >= to) return -1;
                    i = value(b, i, to, depth + 1);
                    if (i < 0) return -1;
                    i = ws(b, i, to);
                    if (i >= to) return -1;
                    if (b[i] == ',') {
                        i = ws(b, i + 1, to);
                        continue;
                    }
                    return b[i] == ']' ? i + 1 : -1;
                }
            }
            case 't' -> {
                return literal(b, i, to, "true");
            }
            case 'f' -> {
                return literal(b, i, to, "false");
            }
            case 'n' -> {
                return literal(b, i, to, "null");
            }
            default -> {
                return number(b, i, to);
            }
        }
    }

    /** A number as strict JSON has it ({@code -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?}); the index after it, or -1. */
    private static int number(byte[] b, int i, int to) {
        int start = i;
        if (i < to && b[i] == '-') i++;
        if (i >= to) return -1;
        if (b[i] == '0') i++;
        else if (b[i] >= '1' && b[i] <= '9') {
            while (i < to && b[i] >= '0' && b[i] <= '9') i++;
        } else return -1;
        if (i < to && b[i] == '.') {
            i++;
            int d = i;
            while (i < to && b[i] >= '0' && b[i] <= '9') i++;
            if (i == d) return -1;
        }
        if (i < to && (b[i] == 'e' || b[i] == 'E')) {
            i++;
            if (i < to && (b[i] == '+' || b[i] == '-')) i++;
            int d = i;
            while (i < to && b[i] >= '0' && b[i] <= '9') i++;
            if (i == d) return -1;
        }
        if (i - start > MAX_NUMBER) return -1;
        // what follows must end the number (a letter or digit right after it is not JSON)
        if (i < to) {
            byte c = b[i];
            if (c != ',' && c != '}' && c != ']' && c != ' ' && c != '\t' && c != '\r') return -1;
        }
        return i;
    }

    private static int literal(byte[] b, int i, int to, String word) {
        int n = word.length();
        if (i + n > to) return -1;
        for (int j = 0; j < n; j++) if (b[i + j] != word.charAt(j)) return -1;
        int e = i + n;
        if (e < to) {
            byte c = b[e];
            if (c != ',' && c != '}' && c != ']' && c != ' ' && c != '\t' && c != '\r') return -1;
        }
        return e;
    }

    /**
     * The string whose first content byte is {@code b[i]} (after its opening quote), checked: escapes
     * valid, no control character, well-formed UTF-8, no "{{" and no escaped brace. The index after its closing
     * quote, or -1.
     */
    static int string(byte[] b, int i, int to) {
        while (true) {
            // sixteen, then eight bytes at a time to the next byte that needs a look
            boolean found = false;
            while (i + 16 <= to) {
                long sw = stops((long) LONGS.get(b, i)), sv = stops((long) LONGS.get(b, i + 8));
                if ((sw | sv) != 0) {
                    i += sw != 0 ? Long.numberOfTrailingZeros(sw) >>> 3 : 8 + (Long.numberOfTrailingZeros(sv) >>> 3);
                    found = true;
                    break;
                }
                i += 16;
            }
            while (!found && i + 8 <= to) {
                long sw = stops((long) LONGS.get(b, i));
                if (sw != 0) {
                    i += Long.numberOfTrailingZeros(sw) >>> 3;
                    break;
                }
                i += 8;
            }
            if (i >= to) return -1;
            int c = b[i];
            if (c == '"') return i + 1;
            if (c == '\\') {
                if (i + 1 >= to) return -1;
                switch (b[i + 1]) {
                    case '"', '\\', '/', 'b', 'f', 'n', 'r', 't' -> i += 2;
                    case 'u' -> {
                        if (i + 6 > to) return -1;
                        int v = 0;
                        for (int j = i + 2; j < i + 6; j++) {
                            int h = Character.digit(b[j], 16);
                            if (h < 0 || b[j] < 0) return -1;
                            v = v << 4 | h;
                        }
                        if (v == '{') return -1; // an escaped brace: a text could hold "{{"
                        i += 6;
                    }
                    default -> {
                        return -1;
                    }
                }
            } else if (c == '{') {
                if (i + 1 < to && b[i + 1] == '{') return -1;
                i++;
            } else if (c < 0) {
                int n = utf8(b, i, to); // a non-ASCII character: its bytes, checked
                if (n < 0) return -1;
                i += n;
            } else if (c < 0x20) return -1; // a control character: not JSON
            else i++; // DEL (0x7F) is plain
        }
    }

    /**
     * The length of the well-formed UTF-8 sequence starting at the non-ASCII byte {@code b[i]} (2 to 4 bytes, as
     * the Unicode standard's table 3-7 allows them), or -1: a stray continuation byte, an overlong form, a surrogate,
     * a code point above U+10FFFF, or a sequence cut by {@code to}.
     */
    static int utf8(byte[] b, int i, int to) {
        int c = b[i] & 0xFF;
        int n, lo = 0x80, hi = 0xBF; // the range of the second byte
        if (c >= 0xC2 && c <= 0xDF) n = 2;
        else if (c >= 0xE0 && c <= 0xEF) {
            n = 3;
            if (c == 0xE0) lo = 0xA0; // no overlong form
            else if (c == 0xED) hi = 0x9F; // no surrogate
        } else if (c >= 0xF0 && c <= 0xF4) {
            n = 4;
            if (c == 0xF0) lo = 0x90; // no overlong form
            else if (c == 0xF4) hi = 0x8F; // nothing above U+10FFFF
        } else return -1;
        if (i + n > to) return -1;
        int second = b[i + 1] & 0xFF;
        if (second < lo || second > hi) return -1;
        for (int j = i + 2; j < i + n; j++) if ((b[j] & 0xC0) != 0x80) return -1;
        return n;
    }

    /**
     * Whether the checked string {@code b[from, to)} (its content, between its quotes) certainly is
     * not blank as {@link String#isBlank} sees it: it holds a character other than whitespace ({@link
     * Character#isWhitespace}), not part of an escape (escapes are passed over: the ones that decode to
     * whitespace would need a look the general path gives). Usually decided by its first byte.
     */
    private static boolean visible(byte[] b, int from, int to) {
        int j = from;
        while (j < to) {
            byte c = b[j];
            if (c == '\\') j += b[j + 1] == 'u' ? 6 : 2;
            else if (c > ' ') return true; // ASCII (checked): printable, or DEL, which is not whitespace either
            else if (c < 0) { // a character of 2 to 4 bytes, checked by string()
                int n = utf8(b, j, to);
                int cp = b[j] & (0xFF >>> (n + 1));
                for (int k = j + 1; k < j + n; k++) cp = cp << 6 | (b[k] & 0x3F);
                if (!Character.isWhitespace(cp)) return true;
                j += n;
            } else j++;
        }
        return false;
    }

    /**
     * The high bit of each byte of {@code w} that needs a look in a string: a quote, a backslash, a
     * brace, a byte below 0x20 or from 0x80; exact for every byte. On the low seven bits {@code t} of
     * each byte (below 0x80, so no sum carries into the next byte), {@code (t ^ P) + 0x7F} has its
     * high bit clear exactly where {@code t} is {@code P}, and {@code t + 0x60} has it set exactly
     * where {@code t} is 0x20 or more; a byte from 0x80 brings its own high bit. (Fewer operations
     * than three zero-byte tests with borrows: 13 % more bytes a second through a string.)
     */
    private static long stops(long w) {
        long t = w & LOWS;
        return (~(((t ^ QUOTES) + LOWS) & ((t ^ BACKSLASHES) + LOWS) & ((t ^ BRACES) + LOWS) & (t + PRINTABLE)) | w)
                & HIGHS;
    }

    /** The closing quote of a key of plain printable ASCII without escapes, or -1. */
    private static int plainKeyEnd(byte[] b, int i, int to) {
        for (int j = i; j < to; j++) {
            byte c = b[j];
            if (c == '"') return j;
            if (c < 0x20 || c == '\\' || c == '{' || c > 0x7E) return -1;
        }
        return -1;
    }

    private static int keyIndex(byte[] b, int ks, int ke, byte[][] keys) {
        for (int k = 0; k < keys.length; k++) if (equals(b, ks, ke, keys[k])) return k;
        return -1;
    }

    private static boolean equals(byte[] b, int s, int e, byte[] key) {
        if (e - s != key.length) return false;
        for (int j = 0; j < key.length; j++) if (b[s + j] != key[j]) return false;
        return true;
    }

    private static int ws(byte[] b, int i, int to) {
        while (i < to) {
            byte c = b[i];
            if (c != ' ' && c != '\t' && c != '\r') return i;
            i++;
        }
        return i;
    }
}
