package dev.tunegate.io;

/**
 * What commons-csv's syntax errors mean, in the words of a person who fixes the file. Its messages carry its own
 * counts ("(startline 502) EOF reached before encapsulated token finished", "… at line: 515, position: 36,800"),
 * physical lines and characters that disagree with the row and byte a reader of tunegate's reports names, so the
 * readers of CSV files (the dataset audit's, the call log's) say them this way instead.
 */
public final class CsvSyntax {
    private CsvSyntax() {}

    /** A quote never closed or a quoted value that goes on after its closing quote, in words; null for anything else. */
    public static String describe(String parserMessage) {
        if (parserMessage == null) return null;
        if (parserMessage.contains("EOF reached before encapsulated token finished"))
            return "a quoted value opens in this row and is never closed; expected a closing \" before the end of the"
                    + " file (a quote inside a value is doubled: \"\")";
        if (parserMessage.contains("Invalid character between encapsulated token and delimiter"))
            return "a quoted value in this row goes on after its closing quote; expected a comma or the end of the"
                    + " row after it (a quote inside a value is doubled: \"\")";
        return null;
    }
}
