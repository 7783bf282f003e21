package dev.tunegate.tokens;

import java.util.Random;

/** Generated text that exercises every branch of the split regexes: all scripts, marks, emoji, digits, whitespace runs, lone surrogates. */
final class UnicodeText {
    private static final String[] POOLS = {
        "abcdefghijklmnopqrstuvwxyz",
        "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
        "0123456789",
        " ",
        "   ",
        "\n",
        "\r\n",
        "\t",
        "'",
        "'s",
        "'T",
        "'ll",
        "'RE",
        "'ve",
        "'ſ",
        "!\"#$%&()*+,-./:;<=>?@[\\]^_`{|}~",
        "/",
        "\u00a0\u0085\u1680\u2000\u2007\u200a\u2028\u2029\u202f\u205f\u3000\u000b\u000c\u001c\u001f",
        "àéîõüçñßÀÉÎÕÜÇÑ",
        "ǅǈǋǲᾈ",
        "ʰʲˀˆ々ー",
        "ΑΒΓαβγΩω",
        "АБВабвЖж",
        "日本語中文字",
        "ひらがなカタカナ",
        "한국어",
        "ภาษาไทย",
        "हिन्दी",
        "العربية",
        "עברית",
        "\u0300\u0301\u0302\u0308\u0327\u036f",
        "\u20dd\u20de",
        "\u0903\u093e",
        "٠١٢٣",
        "１２３",
        "½¼²³",
        "ⅠⅡⅫ",
        "€£¥©®™°±×÷",
        "\u200b\u200c\u200d\ufeff",
        "\u0000\u0001\u007f",
        "K\u212a\u017f",
        "ﬁﬂ",
        "İı",
    };
    private static final String[] SUPPLEMENTARY = {
        "😀",
        "👍🏽",
        "👨‍👩‍👧",
        "🇩🇪",
        "𝐀",
        "𝐚",
        "𝟏",
        "𠀀",
        "𓀀",
        "🄰",
        "\ud83c\udff3\ufe0f\u200d\ud83c\udf08",
        "\udb40\udc61"
    };

    private UnicodeText() {}

    static String generate(Random rnd, int length) {
        StringBuilder b = new StringBuilder(length + 8);
        while (b.length() < length) {
            int kind = rnd.nextInt(20);
            if (kind < 12) {
                String pool = POOLS[rnd.nextInt(POOLS.length)];
                int run = 1 + rnd.nextInt(rnd.nextInt(8) == 0 ? 30 : 6);
                for (int i = 0; i < run; i++) b.append(pool.charAt(rnd.nextInt(pool.length())));
            } else if (kind < 14) {
                b.append(SUPPLEMENTARY[rnd.nextInt(SUPPLEMENTARY.length)]);
            } else if (kind == 14) {
                b.append((char) (0xd800 + rnd.nextInt(0x800))); // a lone surrogate (or, by chance, a pair)
            } else if (kind == 15) {
                int cp = rnd.nextInt(0x110000);
                if (cp >= 0xd800 && cp <= 0xdfff) cp = 0x20;
                b.appendCodePoint(cp);
            } else if (kind == 16) {
                b.appendCodePoint(rnd.nextInt(0x3000));
            } else if (kind == 17) {
                String[] words = {
                    " the",
                    " The",
                    " THE",
                    " don't",
                    " I'm",
                    " we'll",
                    " they've",
                    " ok",
                    " 2024",
                    " 3.14",
                    " foo/bar",
                    "  ",
                    "\n\n",
                    ",",
                    "."
                };
                for (int i = 0; i < 1 + rnd.nextInt(8); i++) b.append(words[rnd.nextInt(words.length)]);
            } else {
                String[] snippets = {
                    "{\"label\": \"billing\"}",
                    "Hello, how can I help?",
                    "  def f(x):\n    return x\n",
                    "ID-12345-XYZ",
                    "e-mail: a.b@c.de",
                    "https://example.com/a?b=c"
                };
                b.append(snippets[rnd.nextInt(snippets.length)]);
            }
        }
        return b.toString();
    }

    static String escape(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c < 0x7f) b.append(c);
            else b.append(String.format("\\u%04x", (int) c));
        }
        return b.toString();
    }
}
