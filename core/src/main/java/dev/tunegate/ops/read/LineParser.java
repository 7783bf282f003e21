package dev.tunegate.ops.read;

import java.util.List;

/** Turns one line of a log into calls (none, one, or — for an OTLP export request — many) or a problem. Stateless. */
interface LineParser {
    void parse(String file, long line, String text, List<Call> calls, List<LogProblem> problems);
}
