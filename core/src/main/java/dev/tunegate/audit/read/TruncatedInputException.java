package dev.tunegate.audit.read;

import java.io.IOException;

/**
 * A row source met a damaged stream: a truncated or corrupt gzip/zstd stream, a CSV quote that is
 * never closed, a JSON array that ends early. Everything before {@link #line()} was read as rows;
 * nothing from there on was.
 */
public final class TruncatedInputException extends IOException {
    private final long line;
    private final long byteOffset;
    private final String what;
    private final String cause;

    /**
     * @param line the 1-based line where the damage starts (the first line not read as a whole row)
     * @param byteOffset the byte offset of that line in the (decompressed) content
     * @param what what is damaged, e.g. "the gzip stream is truncated or corrupt"
     * @param cause what the decoder said
     */
    public TruncatedInputException(long line, long byteOffset, String what, String cause, Throwable e) {
        super(what + " from line " + line + " (byte " + byteOffset + ")" + (cause == null ? "" : ": " + cause), e);
        this.line = line;
        this.byteOffset = byteOffset;
        this.what = what;
        this.cause = cause;
    }

    /** The 1-based line where the damage starts. */
    public long line() {
        return line;
    }

    /** The byte offset, in the decompressed content, where the damage starts. */
    public long byteOffset() {
        return byteOffset;
    }

    /** What is damaged ("the gzip stream is truncated or corrupt", "a quoted value … is never closed"). */
    public String what() {
        return what;
    }

    /** What the decoder or parser said, on one line (null when nothing). */
    public String decoderMessage() {
        return cause;
    }

    /** The first line of a throwable's message (decoder messages may span lines). */
    public static String firstLineOf(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = m.indexOf('\n');
        return nl > 0 ? m.substring(0, nl) : m;
    }
}
