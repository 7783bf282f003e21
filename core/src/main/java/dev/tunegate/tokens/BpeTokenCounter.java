package dev.tunegate.tokens;

import java.util.Arrays;

/**
 * Our exact token counter for {@code o200k_base} and {@code cl100k_base}: splits the text with the
 * encoding's {@link PreTokenizer}, looks each piece up whole in the {@link BpeVocabulary} and
 * byte-pair merges only the pieces that are no single token (lowest rank first, leftmost on ties,
 * as tiktoken and jtokkit do). Pieces that take several tokens are remembered in a small
 * per-thread cache. Thread-safe; allocates nothing per piece.
 */
public final class BpeTokenCounter implements TokenCounter {
    /** Pieces up to this many bytes are merged with a linear scan, longer ones with a heap. */
    private static final int SMALL = 64;

    /**
     * Slots of the per-thread cache of multi-token pieces (direct-mapped; about 600 KB a thread with the keys): of
     * the order of Hugging Face tokenizers' word cache (10,000 words by default). 4,096 slots thrashed on a file of
     * 43,000 distinct words (the generated benchmark rows): 16,384 made {@code --only tokens} 0.87 of it.
     */
    private static final int CACHE_SLOTS = 16384;

    private static final int CACHE_KEY = 24;

    private final String name;
    private final BpeVocabulary vocabulary;
    private final PreTokenizer split;
    private final boolean questionMark;
    private final ThreadLocal<Scratch> scratch = ThreadLocal.withInitial(Scratch::new);

    BpeTokenCounter(String name, BpeVocabulary vocabulary, PreTokenizer split) {
        this.name = name;
        this.vocabulary = vocabulary;
        this.split = split;
        this.questionMark = split.loneSurrogateAsQuestionMark();
    }

    private static final class O200k {
        static final BpeTokenCounter INSTANCE = new BpeTokenCounter(
                "o200k_base",
                BpeVocabulary.fromResource("/com/knuddels/jtokkit/o200k_base.tiktoken"),
                O200kPreTokenizer.INSTANCE);
    }

    private static final class Cl100k {
        static final BpeTokenCounter INSTANCE = new BpeTokenCounter(
                "cl100k_base",
                BpeVocabulary.fromResource("/com/knuddels/jtokkit/cl100k_base.tiktoken"),
                Cl100kPreTokenizer.INSTANCE);
    }

    /** The o200k_base counter (gpt-4o, gpt-4.1, o-series), loaded on first use. */
    public static BpeTokenCounter o200k() {
        return O200k.INSTANCE;
    }

    /** The cl100k_base counter (gpt-4, gpt-3.5-turbo), loaded on first use. */
    public static BpeTokenCounter cl100k() {
        return Cl100k.INSTANCE;
    }

    @Override
    public String encoding() {
        return name;
    }

    @Override
    public int count(String text) {
        if (text == null) return 0;
        int n = text.length();
        if (n == 0) return 0;
        Scratch sc = scratch.get();
        int total = 0;
        for (int i = 0; i < n; ) {
            int e = split.end(text, i);
            total += piece(text, i, e, sc);
            i = e;
        }
        return total;
    }

    /** Tokens of the piece {@code text[from, to)}. */
    private int piece(String text, int from, int to, Scratch sc) {
        int len = utf8(text, from, to, sc);
        if (len == 1) return 1;
        byte[] b = sc.bytes;
        if (vocabulary.rank(b, 0, len) != BpeVocabulary.NONE) return 1;
        if (len <= CACHE_KEY) {
            int h = BpeVocabulary.hash(b, 0, len); // only for the cache: a piece of one token needed no hash
            int slot = h & (CACHE_SLOTS - 1);
            if (sc.cacheLen[slot] == len
                    && sc.cacheHash[slot] == h
                    && Arrays.equals(sc.cacheKeys, slot * CACHE_KEY, slot * CACHE_KEY + len, b, 0, len)) {
                return sc.cacheCount[slot];
            }
            int count = merge(b, len, sc);
            System.arraycopy(b, 0, sc.cacheKeys, slot * CACHE_KEY, len);
            sc.cacheLen[slot] = len;
            sc.cacheHash[slot] = h;
            sc.cacheCount[slot] = count;
            return count;
        }
        return len <= SMALL ? merge(b, len, sc) : mergeLarge(b, len, sc);
    }

    /** Writes the UTF-8 bytes of {@code text[from, to)} to the scratch buffer; their number. */
    private int utf8(String text, int from, int to, Scratch sc) {
        byte[] b = sc.bytes;
        if (b.length < (to - from) * 3) b = sc.bytes = new byte[Math.max(2 * b.length, (to - from) * 3)];
        int o = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                b[o++] = (byte) c;
            } else if (c < 0x800) {
                b[o++] = (byte) (0xc0 | (c >> 6));
                b[o++] = (byte) (0x80 | (c & 0x3f));
            } else if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < to && Character.isLowSurrogate(text.charAt(i + 1))) {
                    int cp = Character.toCodePoint(c, text.charAt(++i));
                    b[o++] = (byte) (0xf0 | (cp >> 18));
                    b[o++] = (byte) (0x80 | ((cp >> 12) & 0x3f));
                    b[o++] = (byte) (0x80 | ((cp >> 6) & 0x3f));
                    b[o++] = (byte) (0x80 | (cp & 0x3f));
                } else if (questionMark) {
                    b[o++] = '?';
                } else {
                    b[o++] = (byte) (0xe0 | (c >> 12));
                    b[o++] = (byte) (0x80 | ((c >> 6) & 0x3f));
                    b[o++] = (byte) (0x80 | (c & 0x3f));
                }
            } else {
                b[o++] = (byte) (0xe0 | (c >> 12));
                b[o++] = (byte) (0x80 | ((c >> 6) & 0x3f));
                b[o++] = (byte) (0x80 | (c & 0x3f));
            }
        }
        return o;
    }

    /** Byte-pair merges {@code b[0, len)} with a linear scan for the lowest rank; the number of parts left. */
    int merge(byte[] b, int len, Scratch sc) {
        int[] bound = sc.ints(0, len + 1);
        int[] rank = sc.ints(1, len);
        for (int i = 0; i <= len; i++) bound[i] = i;
        int parts = len;
        for (int i = 0; i < parts - 1; i++) rank[i] = vocabulary.rank(b, i, i + 2);
        while (parts > 1) {
            int min = BpeVocabulary.NONE;
            int at = -1;
            for (int i = 0; i < parts - 1; i++) {
                if (rank[i] < min) {
                    min = rank[i];
                    at = i;
                }
            }
            if (at < 0) break;
            // parts at and at+1 become one: drop boundary at+1 and the pair rank at+1
            System.arraycopy(bound, at + 2, bound, at + 1, parts - at - 1);
            System.arraycopy(rank, at + 2, rank, at + 1, Math.max(0, parts - at - 3));
            parts--;
            if (at < parts - 1) rank[at] = vocabulary.rank(b, bound[at], bound[at + 2]);
            if (at > 0) rank[at - 1] = vocabulary.rank(b, bound[at - 1], bound[at + 1]);
        }
        return parts;
    }

    /** The same merges for long pieces: a min-heap of (rank, position) over a linked list of parts. */
    int mergeLarge(byte[] b, int len, Scratch sc) {
        int[] next = sc.ints(0, len + 1);
        int[] prev = sc.ints(1, len + 1);
        int[] rank = sc.ints(2, len + 1);
        long[] heap = sc.longs(3 * len + 4);
        int heapSize = 0;
        for (int i = 0; i <= len; i++) {
            next[i] = i + 1;
            prev[i] = i - 1;
        }
        for (int i = 0; i < len - 1; i++) {
            rank[i] = vocabulary.rank(b, i, i + 2);
            if (rank[i] != BpeVocabulary.NONE) heapSize = push(heap, heapSize, ((long) rank[i] << 32) | i);
        }
        rank[len - 1] = BpeVocabulary.NONE;
        int parts = len;
        while (heapSize > 0) {
            long top = heap[0];
            heapSize = pop(heap, heapSize);
            int at = (int) top;
            int r = (int) (top >>> 32);
            if (rank[at] != r) continue; // stale: this pair changed since, or its first part was merged away
            int q = next[at];
            int after = next[q];
            next[at] = after;
            prev[after] = at;
            rank[q] = BpeVocabulary.NONE;
            parts--;
            rank[at] = after < len ? vocabulary.rank(b, at, next[after]) : BpeVocabulary.NONE;
            if (rank[at] != BpeVocabulary.NONE) heapSize = push(heap, heapSize, ((long) rank[at] << 32) | at);
            int p = prev[at];
            if (p >= 0) {
                rank[p] = vocabulary.rank(b, p, after);
                if (rank[p] != BpeVocabulary.NONE) heapSize = push(heap, heapSize, ((long) rank[p] << 32) | p);
            }
        }
        return parts;
    }

    private static int push(long[] heap, int size, long v) {
        int i = size;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (heap[parent] <= v) break;
            heap[i] = heap[parent];
            i = parent;
        }
        heap[i] = v;
        return size + 1;
    }

    private static int pop(long[] heap, int size) {
        int n = size - 1;
        long v = heap[n];
        int i = 0;
        while (true) {
            int c = 2 * i + 1;
            if (c >= n) break;
            if (c + 1 < n && heap[c + 1] < heap[c]) c++;
            if (heap[c] >= v) break;
            heap[i] = heap[c];
            i = c;
        }
        if (n > 0) heap[i] = v;
        return n;
    }

    /** Per-thread buffers and the cache of pieces that take several tokens. */
    static final class Scratch {
        byte[] bytes = new byte[256];
        private final int[][] ints = {new int[128], new int[128], new int[128]};
        private long[] longs = new long[256];
        final byte[] cacheKeys = new byte[CACHE_SLOTS * CACHE_KEY];
        final int[] cacheLen = new int[CACHE_SLOTS];
        final int[] cacheHash = new int[CACHE_SLOTS];
        final int[] cacheCount = new int[CACHE_SLOTS];

        int[] ints(int which, int size) {
            if (ints[which].length < size) ints[which] = new int[Math.max(size, 2 * ints[which].length)];
            return ints[which];
        }

        long[] longs(int size) {
            if (longs.length < size) longs = new long[Math.max(size, 2 * longs.length)];
            return longs;
        }
    }
}
