package dev.tunegate.picocli.model;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.ITypeInfo;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Everything a picocli model says, as text, so that a test compares the model a generated class builds with the one
 * picocli's reflection builds, attribute by attribute: the command's attributes and its usage help, every option and
 * positional parameter (names, arity, types, labels, defaults, initial values, descriptions, converters, completion
 * candidates, how it is bound), its mixins and its subcommands, recursively.
 */
public final class SpecDescription {
    private SpecDescription() {}

    /** The description of {@code spec} and everything under it. */
    public static String of(CommandSpec spec) {
        StringBuilder s = new StringBuilder();
        describe(spec, "", true, s);
        return s.toString();
    }

    /**
     * {@code userObject}: whether the class of the command's object is compared (not for picocli's standard help
     * options, whose object is a class of picocli's own under reflection and of the generated model's else).
     */
    private static void describe(CommandSpec spec, String indent, boolean userObject, StringBuilder s) {
        line(s, indent, "command", spec.name());
        line(s, indent, "aliases", Arrays.toString(spec.aliases()));
        line(s, indent, "version", Arrays.toString(spec.version()));
        line(s, indent, "versionProvider", className(spec.versionProvider()));
        line(s, indent, "defaultValueProvider", className(spec.defaultValueProvider()));
        line(s, indent, "mixinStandardHelpOptions", spec.mixinStandardHelpOptions());
        line(s, indent, "helpCommand", spec.helpCommand());
        line(s, indent, "scopeType", spec.scopeType());
        line(s, indent, "inherited", spec.inherited());
        line(
                s,
                indent,
                "exitCodes",
                spec.exitCodeOnSuccess() + " " + spec.exitCodeOnUsageHelp() + " "
                        + spec.exitCodeOnVersionHelp() + " " + spec.exitCodeOnInvalidInput() + " "
                        + spec.exitCodeOnExecutionException());
        line(s, indent, "separator", spec.parser().separator());
        // the spec's toString names its object with an identity hash: its class is what can be compared
        line(s, indent, "toString", spec.toString().replaceAll(" \\(user object: .*\\)$", ""));
        if (userObject) line(s, indent, "userObject", className(spec.userObject()));
        line(s, indent, "specElements", spec.specElements().size());
        if (spec.commandLine() != null || spec.parent() == null) {
            StringWriter usage = new StringWriter();
            CommandLine cl = spec.commandLine() != null ? spec.commandLine() : new CommandLine(spec);
            cl.setUsageHelpWidth(100);
            cl.usage(new PrintWriter(usage), CommandLine.Help.Ansi.OFF);
            line(s, indent, "usage", "\n" + usage);
        }
        for (OptionSpec o : spec.options()) {
            line(s, indent, "option", String.join(",", o.names()));
            arg(o, indent + "  ", s);
            line(
                    s,
                    indent + "  ",
                    "help",
                    o.usageHelp() + " " + o.versionHelp() + " " + o.negatable() + " " + o.order());
            line(s, indent + "  ", "fallbackValue", o.fallbackValue());
        }
        for (PositionalParamSpec p : spec.positionalParameters()) {
            line(s, indent, "positional", p.index());
            arg(p, indent + "  ", s);
        }
        for (Map.Entry<String, CommandSpec> m : spec.mixins().entrySet()) {
            line(s, indent, "mixin", m.getKey());
            describe(m.getValue(), indent + "  ", !m.getKey().equals("mixinStandardHelpOptions"), s);
        }
        for (Map.Entry<String, CommandLine> sub : spec.subcommands().entrySet()) {
            line(s, indent, "subcommand", sub.getKey());
            describe(sub.getValue().getCommandSpec(), indent + "  ", true, s);
        }
    }

    private static void arg(ArgSpec a, String indent, StringBuilder s) {
        line(s, indent, "arity", a.arity());
        line(s, indent, "paramLabel", a.paramLabel());
        line(s, indent, "required", a.required());
        line(s, indent, "hidden", a.hidden());
        line(s, indent, "interactive", a.interactive());
        line(s, indent, "description", Arrays.toString(a.description()));
        line(s, indent, "descriptionKey", a.descriptionKey());
        line(s, indent, "defaultValue", a.defaultValue());
        line(s, indent, "hasInitialValue", a.hasInitialValue());
        line(s, indent, "initialValue", String.valueOf(a.initialValue()));
        line(s, indent, "showDefaultValue", a.showDefaultValue());
        line(s, indent, "splitRegex", a.splitRegex());
        line(s, indent, "scopeType", a.scopeType());
        line(s, indent, "inherited", a.inherited());
        line(s, indent, "type", a.type().getName());
        line(s, indent, "auxiliaryTypes", names(a.auxiliaryTypes()));
        line(s, indent, "typeInfo", typeInfo(a.typeInfo()));
        List<String> candidates = new ArrayList<>();
        if (a.completionCandidates() != null) a.completionCandidates().forEach(candidates::add);
        line(s, indent, "completionCandidates", candidates);
        List<String> converters = new ArrayList<>();
        if (a.converters() != null)
            for (Object c : a.converters()) converters.add(c.getClass().getName());
        line(s, indent, "converters", converters);
        line(s, indent, "toString", a.toString());
    }

    private static String typeInfo(ITypeInfo t) {
        return t.getClassName() + " aux=" + names(t.getAuxiliaryTypes()) + " generic="
                + t.getActualGenericTypeArguments()
                + " boolean=" + t.isBoolean() + " multi=" + t.isMultiValue() + " array=" + t.isArray() + " collection="
                + t.isCollection() + " map=" + t.isMap() + " optional=" + t.isOptional() + " enum=" + t.isEnum() + " "
                + t.getEnumConstantNames() + " auxInfos="
                + t.getAuxiliaryTypeInfos().stream()
                        .map(i -> i.getClassName() + names(i.getAuxiliaryTypes()))
                        .toList();
    }

    private static String names(Class<?>[] types) {
        return Arrays.stream(types).map(Class::getName).toList().toString();
    }

    private static String className(Object o) {
        return o == null ? null : o.getClass().getName();
    }

    private static void line(StringBuilder s, String indent, String key, Object value) {
        s.append(indent).append(key).append(": ").append(value).append('\n');
    }
}
