package dev.tunegate.picocli.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.annotation.processing.SupportedAnnotationTypes;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.ElementFilter;
import javax.tools.Diagnostic;

/**
 * Writes, at compile time, the code that builds each picocli command's model ({@code CommandSpec}) from its
 * annotations, so that a run does not read them by reflection. For a command class {@code X} (annotated
 * {@code @Command}, not abstract) and for each class used as a {@code @Mixin}, it generates {@code XModel} in X's
 * package, whose {@code static CommandSpec spec(X object, IFactory factory)} returns what {@code
 * CommandSpec.forAnnotatedObject(object, factory)} would, built through {@link Model} by picocli's own builders. The
 * annotations' values (explicit or default) become instances of classes that implement picocli's annotation types
 * ({@code PicocliLiterals}, one per package), and fields are read and written by generated code, not reflection.
 *
 * <p>What picocli's reflection supports and this does not is a compile error naming the element: {@code @ArgGroup},
 * {@code @Unmatched}, {@code @ParentCommand}, annotated getter methods and method parameters, private members, and
 * nested annotations. A test in each module that uses it compares the generated models with picocli's reflection.
 */
@SupportedAnnotationTypes({"picocli.CommandLine.Command", "picocli.CommandLine.Mixin"})
public final class CommandModelProcessor extends AbstractProcessor {
    private static final String PICOCLI = "picocli.CommandLine";
    private static final List<String> LITERALS = List.of("Command", "Option", "Parameters", "Mixin", "Spec");
    private static final List<String> UNSUPPORTED = List.of("ArgGroup", "Unmatched", "ParentCommand");

    private final Set<String> literalsWritten = new LinkedHashSet<>();
    private final Set<String> registriesWritten = new LinkedHashSet<>();
    private final Set<String> modelsWritten = new LinkedHashSet<>();

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        if (round.processingOver()) return false;
        Set<TypeElement> targets = new LinkedHashSet<>();
        TypeElement command = type("Command");
        TypeElement mixin = type("Mixin");
        if (command != null) {
            for (Element e : round.getElementsAnnotatedWith(command)) {
                if (e.getKind() == ElementKind.CLASS && !e.getModifiers().contains(Modifier.ABSTRACT))
                    targets.add((TypeElement) e);
            }
        }
        if (mixin != null) {
            for (Element e : round.getElementsAnnotatedWith(mixin)) {
                if (e.getKind() != ElementKind.FIELD) continue; // reported where the member is read
                if (e.asType() instanceof DeclaredType d) targets.add((TypeElement) d.asElement());
            }
        }
        List<TypeElement> todo = new ArrayList<>();
        for (TypeElement target : targets) {
            if (modelsWritten.add(target.getQualifiedName().toString())) todo.add(target);
        }
        Map<String, List<TypeElement>> byPackage = new LinkedHashMap<>();
        for (TypeElement target : todo) {
            try {
                new ModelWriter(target).write();
                if (accessibleConstructor(target))
                    byPackage
                            .computeIfAbsent(packageOf(target), k -> new ArrayList<>())
                            .add(target);
            } catch (Unsupported e) {
                processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR, e.getMessage(), e.element);
            }
        }
        byPackage.forEach((pkg, types) -> {
            try {
                writeRegistry(pkg, types);
            } catch (Unsupported e) {
                processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR, e.getMessage(), e.element);
            }
        });
        return false;
    }

    /**
     * {@code CommandModels.spec(Class, IFactory)}: the model of a new object of a class of the package, by its class (a
     * chain of comparisons: no reflection, no lambda), or null for a class without one.
     */
    private void writeRegistry(String pkg, List<TypeElement> targets) {
        if (!registriesWritten.add(pkg))
            throw new Unsupported(targets.get(0), "the generated models of package " + pkg + " came in two rounds");
        StringBuilder src = new StringBuilder();
        if (!pkg.isEmpty()) src.append("package ").append(pkg).append(";\n\n");
        src.append("/** The generated picocli models of this package's commands and mixins, by class. Generated by ")
                .append(CommandModelProcessor.class.getName())
                .append(": do not edit. */\n@javax.annotation.processing.Generated(\"")
                .append(CommandModelProcessor.class.getName())
                .append("\")\npublic final class CommandModels {\n    private CommandModels() {}\n\n")
                .append(
                        "    /** The model of a new {@code type}, as {@code CommandSpec.forAnnotatedObject} builds it; null when it has none. */\n")
                .append(
                        "    public static picocli.CommandLine.Model.CommandSpec spec(Class<?> type, picocli.CommandLine.IFactory factory) {\n");
        for (TypeElement t : targets) {
            src.append("        if (type == ")
                    .append(t.getQualifiedName())
                    .append(".class) return ")
                    .append(qualifiedModel(t))
                    .append(".spec(new ")
                    .append(t.getQualifiedName())
                    .append("(), factory);\n");
        }
        src.append("        return null;\n    }\n}\n");
        writeSource(pkg.isEmpty() ? "CommandModels" : pkg + ".CommandModels", src.toString(), targets.get(0));
    }

    private TypeElement type(String picocliAnnotation) {
        return processingEnv.getElementUtils().getTypeElement(PICOCLI + "." + picocliAnnotation);
    }

    /** What the generated model cannot do, said at the element. */
    private static final class Unsupported extends RuntimeException {
        final transient Element element;

        Unsupported(Element element, String message) {
            super(message);
            this.element = element;
        }
    }

    /** The model of one class: {@code XModel.java}. */
    private final class ModelWriter {
        private final TypeElement target;
        private final String pkg;
        private final String modelName;
        private final StringBuilder body = new StringBuilder();
        private final List<String> getters = new ArrayList<>();
        private final List<String> setters = new ArrayList<>();
        private boolean standardHelpOptions;

        ModelWriter(TypeElement target) {
            this.target = target;
            this.pkg = packageOf(target);
            this.modelName = modelName(target);
        }

        void write() {
            if (target.getModifiers().contains(Modifier.PRIVATE))
                throw new Unsupported(target, "a picocli command or mixin for a generated model cannot be private");
            writeLiterals(pkg, target);
            // the class hierarchy, superclass first, as picocli's reflection walks it
            List<TypeElement> hierarchy = new ArrayList<>();
            for (TypeElement c = target; c != null; c = superclass(c)) hierarchy.add(0, c);
            for (TypeElement c : hierarchy) members(c);
            String t = target.getQualifiedName().toString();
            StringBuilder src = new StringBuilder();
            if (!pkg.isEmpty()) src.append("package ").append(pkg).append(";\n\n");
            src.append("/** The picocli model of {@link ")
                    .append(t)
                    .append("}, generated from its annotations by ")
                    .append(CommandModelProcessor.class.getName())
                    .append(": do not edit. */\n")
                    .append("@javax.annotation.processing.Generated(\"")
                    .append(CommandModelProcessor.class.getName())
                    .append("\")\n@SuppressWarnings({\"unchecked\", \"rawtypes\"})\n");
            if (target.getModifiers().contains(Modifier.PUBLIC)) src.append("public ");
            src.append("final class ")
                    .append(modelName)
                    .append(" implements dev.tunegate.picocli.model.Model.Access {\n")
                    .append("    private final ")
                    .append(t)
                    .append(" object;\n\n    private ")
                    .append(modelName)
                    .append("(")
                    .append(t)
                    .append(" object) {\n        this.object = object;\n    }\n\n")
                    .append(
                            "    /** What {@code CommandSpec.forAnnotatedObject(object, factory)} returns, built without reflection. */\n")
                    .append("    public static picocli.CommandLine.Model.CommandSpec spec(")
                    .append(t)
                    .append(" object, picocli.CommandLine.IFactory factory) {\n")
                    .append("        return new ")
                    .append(modelName)
                    .append("(object).build(factory);\n    }\n\n")
                    .append(
                            "    private picocli.CommandLine.Model.CommandSpec build(picocli.CommandLine.IFactory factory) {\n")
                    .append(
                            "        dev.tunegate.picocli.model.Model model = dev.tunegate.picocli.model.Model.of(object, factory);\n")
                    .append(body);
            if (standardHelpOptions) {
                src.append(
                                "        dev.tunegate.picocli.model.Model.StandardHelpOptions help = new dev.tunegate.picocli.model.Model.StandardHelpOptions();\n")
                        .append("        return model.build(\n                ")
                        .append(helpMember(0, "help", "helpRequested", "Show this help message and exit."))
                        .append(",\n                ")
                        .append(helpMember(1, "version", "versionRequested", "Print version information and exit."))
                        .append(");\n    }\n\n");
            } else {
                src.append("        return model.build(null, null);\n    }\n\n");
            }
            src.append("    @Override\n    public Object get(int member) {\n        switch (member) {\n");
            for (int i = 0; i < getters.size(); i++) {
                if (getters.get(i) != null)
                    src.append("            case ")
                            .append(i)
                            .append(": return ")
                            .append(getters.get(i))
                            .append(";\n");
            }
            src.append(
                            "            default: throw new IndexOutOfBoundsException(\"no field \" + member);\n        }\n    }\n\n")
                    .append(
                            "    @Override\n    public void set(int member, Object value) {\n        switch (member) {\n");
            for (int i = 0; i < setters.size(); i++) {
                src.append("            case ")
                        .append(i)
                        .append(": ")
                        .append(setters.get(i))
                        .append("; return;\n");
            }
            src.append(
                    "            default: throw new IndexOutOfBoundsException(\"no member \" + member);\n        }\n    }\n}\n");
            writeSource(pkg.isEmpty() ? modelName : pkg + "." + modelName, src.toString(), target);
        }

        /** A standard help option, as picocli's own mixin declares it ({@code CommandLine.AutoHelpMixin}). */
        private String helpMember(int index, String kind, String field, String description) {
            Map<String, String> explicit = new LinkedHashMap<>();
            explicit.put(
                    "names",
                    "new java.lang.String[] {\"${picocli." + kind + ".name.0:--" + (index == 0 ? "h" : "V")
                            + "}\", \"${picocli." + kind + ".name.1:---" + kind + "}\"}");
            explicit.put(index == 0 ? "usageHelp" : "versionHelp", "true");
            explicit.put("descriptionKey", "\"mixinStandardHelpOptions." + kind + "\"");
            explicit.put("description", "new java.lang.String[] {\"" + description + "\"}");
            return "dev.tunegate.picocli.model.Model.Member.field(help, help, " + index + ", "
                    + literal("Option", explicit) + ", \"" + field + "\", "
                    + "new dev.tunegate.picocli.model.Model.TypeInfo(boolean.class, new java.lang.Class<?>[] {boolean.class}, java.util.List.of()), "
                    + "\"field boolean picocli.CommandLine$AutoHelpMixin." + field + "\")";
        }

        /** Class {@code c}'s part of the model, in picocli's order: its @Command, its subcommands, its fields, its methods. */
        private void members(TypeElement c) {
            AnnotationMirror cmd = mirror(c, "Command");
            if (cmd != null) {
                body.append("        model.command(").append(literal(cmd)).append(");\n");
                standardHelpOptions |= Boolean.TRUE.equals(value(cmd, "mixinStandardHelpOptions"));
                Object subs = value(cmd, "subcommands");
                for (Object sub : (List<?>) subs) {
                    TypeMirror s = (TypeMirror) ((AnnotationValue) sub).getValue();
                    TypeElement se = (TypeElement) processingEnv.getTypeUtils().asElement(s);
                    AnnotationMirror subCmd = mirror(se, "Command");
                    Object name = subCmd == null ? null : value(subCmd, "name");
                    if (name == null || name.equals("<main class>"))
                        throw new Unsupported(c, "subcommand " + se + " has no @Command(name)");
                    String create = accessibleConstructor(se)
                            ? "new " + se.getQualifiedName() + "()"
                            : "factory.create(" + se.getQualifiedName() + ".class)";
                    // subCmd is known not null here: a subcommand without @Command(name) was refused above
                    if (!se.getModifiers().contains(Modifier.ABSTRACT) && isSource(se)) {
                        body.append("        model.subcommand(")
                                .append(constant(name))
                                .append(", ")
                                .append(qualifiedModel(se))
                                .append(".spec(")
                                .append(create)
                                .append(", factory));\n");
                    } else {
                        body.append("        model.subcommand(")
                                .append(constant(name))
                                .append(", new picocli.CommandLine(")
                                .append(se.getQualifiedName())
                                .append(".class, factory).getCommandSpec());\n");
                    }
                }
            }
            for (VariableElement f : ElementFilter.fieldsIn(c.getEnclosedElements())) field(c, f);
            for (ExecutableElement m : ElementFilter.methodsIn(c.getEnclosedElements())) method(c, m);
        }

        private void field(TypeElement owner, VariableElement f) {
            AnnotationMirror a = picocliAnnotation(f);
            if (a == null) return;
            String kind = simpleName(a);
            if (f.getModifiers().contains(Modifier.PRIVATE))
                throw new Unsupported(
                        f,
                        "@" + kind
                                + " on a private field: the generated model reads and writes it as code, make it package-private");
            if (f.getModifiers().contains(Modifier.STATIC))
                throw new Unsupported(f, "@" + kind + " on a static field is not supported by the generated model");
            boolean argSpec = kind.equals("Option") || kind.equals("Parameters");
            TypeMirror type = f.asType();
            if (argSpec
                    && f.getModifiers().contains(Modifier.FINAL)
                    && (type.getKind().isPrimitive() || isType(type, "java.lang.String")))
                throw new Unsupported(f, "a final primitive or String field cannot be an @" + kind);
            int index = getters.size();
            String ref = "((" + owner.getQualifiedName() + ") object)." + f.getSimpleName();
            getters.add(ref);
            setters.add(
                    f.getModifiers().contains(Modifier.FINAL)
                            ? "throw new IllegalStateException(\"final field " + f.getSimpleName() + "\")"
                            : ref + " = (" + boxed(type) + ") value");
            String generic = fieldGenericString(owner, f);
            String toString =
                    kind.equals("Mixin") ? "mixin from member " + abbreviate(generic) : "field " + abbreviate(generic);
            String member = "dev.tunegate.picocli.model.Model.Member.field(object, this, " + index + ", " + literal(a)
                    + ", " + constant(f.getSimpleName().toString()) + ", " + typeInfo(f, type, a) + ", "
                    + constant(toString) + ")";
            String var = "m" + index;
            body.append("        dev.tunegate.picocli.model.Model.Member ")
                    .append(var)
                    .append(" = ")
                    .append(member)
                    .append(";\n");
            switch (kind) {
                case "Mixin" -> {
                    if (!(type instanceof DeclaredType d) || !isSource((TypeElement) d.asElement()))
                        throw new Unsupported(
                                f, "@Mixin of a class compiled elsewhere is not supported by the generated model");
                    TypeElement mixinType = (TypeElement) d.asElement();
                    body.append("        model.mixin(")
                            .append(var)
                            .append(", ")
                            .append(qualifiedModel(mixinType))
                            .append(".spec((")
                            .append(mixinType.getQualifiedName())
                            .append(") model.mixinObject(")
                            .append(var)
                            .append("), factory));\n");
                }
                case "Spec" -> body.append("        model.spec(").append(var).append(");\n");
                default -> body.append("        model.arg(").append(var).append(");\n");
            }
        }

        private void method(TypeElement owner, ExecutableElement m) {
            AnnotationMirror a = picocliAnnotation(m);
            if (a == null) return;
            String kind = simpleName(a);
            if (!kind.equals("Option") && !kind.equals("Parameters"))
                throw new Unsupported(m, "@" + kind + " on a method is not supported by the generated model");
            if (m.getParameters().size() != 1 || m.getModifiers().contains(Modifier.STATIC))
                throw new Unsupported(
                        m, "the generated model supports @" + kind + " on setter methods (one parameter) only");
            if (m.getModifiers().contains(Modifier.PRIVATE))
                throw new Unsupported(
                        m,
                        "@" + kind
                                + " on a private method: the generated model calls it as code, make it package-private");
            int index = getters.size();
            getters.add(null); // a setter method's last value is kept by its member
            TypeMirror type = m.getParameters().get(0).asType();
            setters.add("((" + owner.getQualifiedName() + ") object)." + m.getSimpleName() + "((" + boxed(type)
                    + ") value)");
            String toString = "method " + abbreviate(methodGenericString(owner, m));
            body.append("        model.arg(dev.tunegate.picocli.model.Model.Member.setter(object, this, ")
                    .append(index)
                    .append(", ")
                    .append(literal(a))
                    .append(", ")
                    .append(constant(propertyName(m.getSimpleName().toString())))
                    .append(", ")
                    .append(typeInfo(m, type, a))
                    .append(", ")
                    .append(constant(toString))
                    .append("));\n");
        }

        /** The one picocli annotation of a member, or null; more than one, or an unsupported one, is an error. */
        private AnnotationMirror picocliAnnotation(Element e) {
            AnnotationMirror found = null;
            for (AnnotationMirror a : e.getAnnotationMirrors()) {
                TypeElement at = (TypeElement) a.getAnnotationType().asElement();
                if (!(at.getEnclosingElement() instanceof TypeElement enclosing)
                        || !enclosing.getQualifiedName().contentEquals(PICOCLI)) continue;
                String name = at.getSimpleName().toString();
                if (UNSUPPORTED.contains(name))
                    throw new Unsupported(e, "@" + name + " is not supported by the generated model");
                if (!LITERALS.contains(name) || name.equals("Command")) continue;
                if (found != null)
                    throw new Unsupported(e, "@" + simpleName(found) + " and @" + name + " on the same member");
                found = a;
            }
            return found;
        }
    }

    /** The type info picocli's reflection infers for a member of {@code type} ({@code RuntimeTypeInfo.create}). */
    private String typeInfo(Element e, TypeMirror type, AnnotationMirror a) {
        List<String> aux = new ArrayList<>();
        List<String> genericArgs = new ArrayList<>();
        Object declared = a.getAnnotationType().asElement().getSimpleName().contentEquals("Option")
                        || a.getAnnotationType().asElement().getSimpleName().contentEquals("Parameters")
                ? value(a, "type")
                : List.of();
        if (type instanceof DeclaredType d && !d.getTypeArguments().isEmpty()) {
            for (TypeMirror arg : typeParameters(e, d)) genericArgs.add(constant(binaryName(arg)));
        }
        if (!((List<?>) declared).isEmpty()) {
            for (Object v : (List<?>) declared) aux.add(classLiteral((TypeMirror) ((AnnotationValue) v).getValue()));
        } else if (type.getKind() == TypeKind.ARRAY) {
            aux.add(classLiteral(((ArrayType) type).getComponentType()));
        } else if (isMultiValue(type) || isType(type, "java.util.Optional")) {
            if (type instanceof DeclaredType d && !d.getTypeArguments().isEmpty()) {
                for (TypeMirror arg : typeParameters(e, d)) aux.add(classLiteral(arg));
            } else {
                aux.add("java.lang.String.class");
                aux.add("java.lang.String.class");
            }
        } else {
            aux.add(classLiteral(type));
        }
        return "new dev.tunegate.picocli.model.Model.TypeInfo(" + classLiteral(type) + ", new java.lang.Class<?>[] {"
                + String.join(", ", aux) + "}, java.util.List.of(" + String.join(", ", genericArgs) + "))";
    }

    /** {@code RuntimeTypeInfo.extractTypeParameters}: the classes of a parameterized type's arguments. */
    private List<TypeMirror> typeParameters(Element e, DeclaredType d) {
        List<TypeMirror> result = new ArrayList<>();
        List<? extends TypeMirror> args = d.getTypeArguments();
        for (int i = 0; i < args.size(); i++) {
            TypeMirror arg = args.get(i);
            if (arg instanceof WildcardType w) {
                arg = w.getSuperBound() != null ? w.getSuperBound() : w.getExtendsBound();
                if (arg == null)
                    throw new Unsupported(e, "unbounded wildcard type arguments are not supported by picocli");
            }
            if (arg instanceof DeclaredType da) {
                result.add(processingEnv.getTypeUtils().erasure(da));
                if (i == 1
                        && isType(da, "java.util.Optional")
                        && da.getTypeArguments().size() == 1)
                    result.add(processingEnv
                            .getTypeUtils()
                            .erasure(da.getTypeArguments().get(0)));
            } else if (arg instanceof ArrayType at && at.getComponentType().getKind() == TypeKind.CHAR) {
                result.add(arg);
            } else {
                throw new Unsupported(e, "type " + d + " is not supported by picocli");
            }
        }
        return result;
    }

    private boolean isMultiValue(TypeMirror type) {
        if (type.getKind() == TypeKind.ARRAY) return true;
        var types = processingEnv.getTypeUtils();
        TypeMirror erased = types.erasure(type);
        for (String c : List.of("java.util.Collection", "java.util.Map")) {
            TypeElement te = processingEnv.getElementUtils().getTypeElement(c);
            if (types.isAssignable(erased, types.erasure(te.asType()))) return true;
        }
        return false;
    }

    private boolean isType(TypeMirror type, String qualifiedName) {
        return type instanceof DeclaredType d
                && ((TypeElement) d.asElement()).getQualifiedName().contentEquals(qualifiedName);
    }

    /** An instance of the annotation's literal class with each of its values, explicit or default. */
    private String literal(AnnotationMirror a) {
        Map<String, String> explicit = new LinkedHashMap<>();
        for (var entry : a.getElementValues().entrySet()) {
            ExecutableElement element = entry.getKey();
            explicit.put(
                    element.getSimpleName().toString(), literal(element, element.getReturnType(), entry.getValue()));
        }
        return literal(simpleName(a), explicit);
    }

    private String literal(String annotation, Map<String, String> explicit) {
        StringJoiner args = new StringJoiner(", ");
        for (ExecutableElement element :
                ElementFilter.methodsIn(type(annotation).getEnclosedElements())) {
            String name = element.getSimpleName().toString();
            String v = explicit.get(name);
            if (v == null) {
                AnnotationValue d = element.getDefaultValue();
                if (d == null) throw new Unsupported(element, "@" + annotation + "(" + name + ") has no default value");
                v = literal(element, element.getReturnType(), d);
            }
            args.add(v);
        }
        return "new PicocliLiterals." + annotation + "Literal(" + args + ")";
    }

    private String literal(Element where, TypeMirror type, AnnotationValue v) {
        Object o = v.getValue();
        if (o instanceof List<?> list) {
            TypeMirror component = ((ArrayType) type).getComponentType();
            StringJoiner items = new StringJoiner(", ", "{", "}");
            for (Object item : list) items.add(literal(where, component, (AnnotationValue) item));
            return "new " + arrayElementType(component) + "[] " + items;
        }
        if (o instanceof TypeMirror t) return classLiteral(t);
        if (o instanceof VariableElement constant)
            return ((TypeElement) constant.getEnclosingElement()).getQualifiedName() + "." + constant.getSimpleName();
        if (o instanceof AnnotationMirror)
            throw new Unsupported(where, "nested annotations are not supported by the generated model");
        return processingEnv.getElementUtils().getConstantExpression(o);
    }

    private String arrayElementType(TypeMirror component) {
        if (isType(component, "java.lang.Class")) return "java.lang.Class";
        return processingEnv.getTypeUtils().erasure(component).toString();
    }

    /**
     * A class as code: {@code X.class}, or, for a class the generated code cannot name (picocli's private defaults such
     * as {@code CommandLine.NoCompletionCandidates}), loaded by its binary name.
     */
    private String classLiteral(TypeMirror t) {
        TypeMirror erased = processingEnv.getTypeUtils().erasure(t);
        if (erased instanceof DeclaredType d && !nameable((TypeElement) d.asElement()))
            return "PicocliLiterals.type(" + constant(binaryName(erased)) + ")";
        return erased + ".class";
    }

    /** Whether generated code in any package can name the class: it and its enclosing classes are public. */
    private static boolean nameable(TypeElement e) {
        for (Element c = e; c instanceof TypeElement; c = c.getEnclosingElement()) {
            if (!c.getModifiers().contains(Modifier.PUBLIC)) return false;
        }
        return true;
    }

    /** The classes implementing picocli's annotation types, once per package. */
    private void writeLiterals(String pkg, Element origin) {
        if (!literalsWritten.add(pkg)) return;
        StringBuilder src = new StringBuilder();
        if (!pkg.isEmpty()) src.append("package ").append(pkg).append(";\n\n");
        src.append(
                        "/** picocli's annotations as values: what the generated models pass to picocli's builders. Generated by ")
                .append(CommandModelProcessor.class.getName())
                .append(": do not edit. */\n@javax.annotation.processing.Generated(\"")
                .append(CommandModelProcessor.class.getName())
                .append(
                        "\")\n@SuppressWarnings({\"all\", \"unchecked\", \"rawtypes\"})\nfinal class PicocliLiterals {\n    private PicocliLiterals() {}\n\n")
                .append("    /** A class the generated code cannot name, by its binary name. */\n")
                .append("    static <T> Class<T> type(String binaryName) {\n")
                .append(
                        "        try {\n            return (Class<T>) Class.forName(binaryName, false, PicocliLiterals.class.getClassLoader());\n")
                .append(
                        "        } catch (ClassNotFoundException e) {\n            throw new NoClassDefFoundError(binaryName);\n        }\n    }\n");
        for (String annotation : LITERALS) {
            TypeElement at = type(annotation);
            String name = annotation + "Literal";
            src.append("\n    static final class ")
                    .append(name)
                    .append(" implements ")
                    .append(at.getQualifiedName())
                    .append(" {\n");
            StringJoiner params = new StringJoiner(", ");
            StringBuilder assign = new StringBuilder();
            StringBuilder accessors = new StringBuilder();
            for (ExecutableElement element : ElementFilter.methodsIn(at.getEnclosedElements())) {
                String field = element.getSimpleName().toString();
                String t = element.getReturnType().toString();
                src.append("        private final ")
                        .append(t)
                        .append(" ")
                        .append(field)
                        .append(";\n");
                params.add(t + " " + field);
                assign.append("            this.")
                        .append(field)
                        .append(" = ")
                        .append(field)
                        .append(";\n");
                accessors
                        .append("\n        @Override\n        public ")
                        .append(t)
                        .append(" ")
                        .append(field)
                        .append("() {\n            return ")
                        .append(field)
                        .append(element.getReturnType().getKind() == TypeKind.ARRAY ? ".clone()" : "")
                        .append(";\n        }\n");
            }
            src.append("\n        ")
                    .append(name)
                    .append("(")
                    .append(params)
                    .append(") {\n")
                    .append(assign)
                    .append("        }\n")
                    .append(accessors)
                    .append(
                            "\n        @Override\n        public Class<? extends java.lang.annotation.Annotation> annotationType() {\n            return ")
                    .append(at.getQualifiedName())
                    .append(".class;\n        }\n    }\n");
        }
        src.append("}\n");
        writeSource(pkg.isEmpty() ? "PicocliLiterals" : pkg + ".PicocliLiterals", src.toString(), origin);
    }

    private void writeSource(String name, String source, Element origin) {
        try (Writer w = processingEnv.getFiler().createSourceFile(name, origin).openWriter()) {
            w.write(source);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private AnnotationMirror mirror(Element e, String picocliAnnotation) {
        for (AnnotationMirror a : e.getAnnotationMirrors()) {
            if (((TypeElement) a.getAnnotationType().asElement())
                    .getQualifiedName()
                    .contentEquals(PICOCLI + "." + picocliAnnotation)) return a;
        }
        return null;
    }

    /** An annotation's value of {@code name}, explicit or default, as {@link AnnotationValue#getValue()}. */
    private Object value(AnnotationMirror a, String name) {
        for (var entry :
                processingEnv.getElementUtils().getElementValuesWithDefaults(a).entrySet()) {
            if (entry.getKey().getSimpleName().contentEquals(name))
                return entry.getValue().getValue();
        }
        return null;
    }

    private static String simpleName(AnnotationMirror a) {
        return a.getAnnotationType().asElement().getSimpleName().toString();
    }

    private TypeElement superclass(TypeElement c) {
        TypeMirror s = c.getSuperclass();
        if (s.getKind() != TypeKind.DECLARED) return null;
        TypeElement e = (TypeElement) ((DeclaredType) s).asElement();
        return e.getQualifiedName().contentEquals("java.lang.Object") ? null : e;
    }

    /** Whether a class has a generated model: a command or mixin of this compilation, not of a library. */
    private boolean isSource(TypeElement e) {
        return modelsWritten.contains(e.getQualifiedName().toString());
    }

    private boolean accessibleConstructor(TypeElement e) {
        for (ExecutableElement c : ElementFilter.constructorsIn(e.getEnclosedElements())) {
            if (c.getParameters().isEmpty()) return !c.getModifiers().contains(Modifier.PRIVATE);
        }
        return false;
    }

    private String packageOf(TypeElement e) {
        PackageElement p = processingEnv.getElementUtils().getPackageOf(e);
        return p.isUnnamed() ? "" : p.getQualifiedName().toString();
    }

    /** {@code AuditCommand} → {@code AuditCommandModel}; a nested class's enclosing names are joined by {@code _}. */
    private String modelName(TypeElement e) {
        String binary = processingEnv.getElementUtils().getBinaryName(e).toString();
        String pkg = packageOf(e);
        return (pkg.isEmpty() ? binary : binary.substring(pkg.length() + 1)).replace('$', '_') + "Model";
    }

    private String qualifiedModel(TypeElement e) {
        String pkg = packageOf(e);
        return pkg.isEmpty() ? modelName(e) : pkg + "." + modelName(e);
    }

    private static String boxed(TypeMirror type) {
        return switch (type.getKind()) {
            case BOOLEAN -> "java.lang.Boolean";
            case BYTE -> "java.lang.Byte";
            case SHORT -> "java.lang.Short";
            case INT -> "java.lang.Integer";
            case LONG -> "java.lang.Long";
            case CHAR -> "java.lang.Character";
            case FLOAT -> "java.lang.Float";
            case DOUBLE -> "java.lang.Double";
            default -> type.toString();
        };
    }

    private String constant(Object value) {
        return processingEnv.getElementUtils().getConstantExpression(value);
    }

    /** {@code Field.toGenericString()}: modifiers, generic type, declaring class, name. */
    private String fieldGenericString(TypeElement owner, VariableElement f) {
        return modifiers(
                        f,
                        List.of(
                                Modifier.PUBLIC,
                                Modifier.PROTECTED,
                                Modifier.PRIVATE,
                                Modifier.STATIC,
                                Modifier.FINAL,
                                Modifier.TRANSIENT,
                                Modifier.VOLATILE))
                + typeName(f.asType()) + " " + binaryName(owner.asType()) + "." + f.getSimpleName();
    }

    /** {@code Method.toGenericString()} of a method without type parameters or throws clause. */
    private String methodGenericString(TypeElement owner, ExecutableElement m) {
        StringJoiner params = new StringJoiner(",", "(", ")");
        for (VariableElement p : m.getParameters()) params.add(typeName(p.asType()));
        return modifiers(
                        m,
                        List.of(
                                Modifier.PUBLIC,
                                Modifier.PROTECTED,
                                Modifier.PRIVATE,
                                Modifier.ABSTRACT,
                                Modifier.STATIC,
                                Modifier.FINAL,
                                Modifier.SYNCHRONIZED,
                                Modifier.NATIVE))
                + typeName(m.getReturnType()) + " " + binaryName(owner.asType()) + "." + m.getSimpleName() + params;
    }

    private static String modifiers(Element e, List<Modifier> order) {
        StringBuilder s = new StringBuilder();
        for (Modifier m : order) {
            if (e.getModifiers().contains(m)) s.append(m).append(' ');
        }
        return s.toString();
    }

    /** {@code Type.getTypeName()}: binary names, type arguments as {@code ParameterizedType.toString()} writes them. */
    private String typeName(TypeMirror t) {
        if (t.getKind().isPrimitive() || t.getKind() == TypeKind.VOID) return t.toString();
        if (t instanceof ArrayType a) return typeName(a.getComponentType()) + "[]";
        if (t instanceof WildcardType w) {
            if (w.getExtendsBound() != null) return "? extends " + typeName(w.getExtendsBound());
            if (w.getSuperBound() != null) return "? super " + typeName(w.getSuperBound());
            return "?";
        }
        if (t instanceof DeclaredType d) {
            String raw = binaryName(processingEnv.getTypeUtils().erasure(d));
            if (d.getTypeArguments().isEmpty()) return raw;
            StringJoiner args = new StringJoiner(", ", "<", ">");
            for (TypeMirror arg : d.getTypeArguments()) args.add(typeName(arg));
            return raw + args;
        }
        return t.toString();
    }

    /** {@code Class.getName()} of a type: {@code Outer$Inner}, {@code [C} for {@code char[]}. */
    private String binaryName(TypeMirror t) {
        if (t instanceof ArrayType a && a.getComponentType().getKind() == TypeKind.CHAR) return "[C";
        if (t instanceof DeclaredType d)
            return processingEnv
                    .getElementUtils()
                    .getBinaryName((TypeElement) d.asElement())
                    .toString();
        return t.toString();
    }

    /** picocli's {@code TypedMember.propertyName}: a setter's name without {@code set}, decapitalised. */
    private static String propertyName(String methodName) {
        String name = methodName.length() > 3 && (methodName.startsWith("get") || methodName.startsWith("set"))
                ? methodName.substring(3)
                : methodName;
        return name.isEmpty() ? name : Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }

    /** picocli's {@code TypedMember.abbreviate}. */
    private static String abbreviate(String text) {
        return text.replace("private ", "")
                .replace("protected ", "")
                .replace("public ", "")
                .replace("java.lang.", "");
    }
}
