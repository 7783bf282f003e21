package dev.tunegate.cli;

import dev.tunegate.assess.AssessOptions;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** The shared {@code --as-of YYYY-MM-DD} option (a mixin): the date a record carries, for reproducible output. */
public final class AsOfOption {
    @Option(
            names = "--as-of",
            paramLabel = "YYYY-MM-DD",
            converter = AsOfOption.Date.class,
            description =
                    "The date the output carries (default: today, UTC): records, price staleness, pilot checkpoints up to it. "
                            + "With it, the same inputs give the same output byte for byte.")
    LocalDate asOf;

    /** Reads YYYY-MM-DD; a malformed date or a day the calendar lacks is one line saying which (exit 2). */
    static final class Date implements ITypeConverter<LocalDate> {
        @Override
        public LocalDate convert(String value) {
            try {
                return LocalDate.parse(value);
            } catch (DateTimeParseException e) {
                boolean shaped = value.matches("\\d{4}-\\d{2}-\\d{2}");
                throw new TypeConversionException(
                        "expected a date YYYY-MM-DD, found " + value + (shaped ? " (no such day)" : ""));
            }
        }
    }

    /** The date: the option's, or today in UTC. */
    public LocalDate date() {
        return asOf == null ? LocalDate.now(ZoneOffset.UTC) : asOf;
    }

    /** The options with their clock fixed at the date, when one was given. */
    public AssessOptions applyTo(AssessOptions opts) {
        return asOf == null
                ? opts
                : opts.withClock(Clock.fixed(asOf.atStartOfDay(ZoneOffset.UTC).toInstant(), ZoneOffset.UTC));
    }
}
