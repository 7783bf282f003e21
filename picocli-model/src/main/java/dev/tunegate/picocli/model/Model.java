package dev.tunegate.picocli.model;

import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IFactory;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.IAnnotatedElement;
import picocli.CommandLine.Model.IExtensible;
import picocli.CommandLine.Model.IGetter;
import picocli.CommandLine.Model.IScope;
import picocli.CommandLine.Model.ISetter;
import picocli.CommandLine.Model.ITypeInfo;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * A command's picocli model, built by the code {@link CommandModelProcessor} generated from its annotations at compile
 * time: the same {@link CommandSpec} picocli's reflection builds ({@code CommandSpec.forAnnotatedObject}), through the
 * same builders ({@link OptionSpec#builder(IAnnotatedElement, IFactory)} and its kin, fed annotation values the
 * processor wrote down as code), in the same order, without reading an annotation or a field by reflection.
 *
 * <p>The generated code calls, for each class of the command's hierarchy (superclass first) as picocli does: {@link
 * #command} for its {@code @Command}, {@link #subcommand} for each of its subcommands, then {@link #mixin}, {@link #arg}
 * or {@link #spec} for each annotated field (in declaration order) and method; and last {@link #build}.
 */
public final class Model {
    /** How generated code reads and writes the annotated members of one object, by number: plain code, no reflection. */
    public interface Access {
        /** The value of field {@code member} (setter methods are never read: their last value is kept here). */
        Object get(int member);

        /** Sets field {@code member}, or calls setter method {@code member}, with {@code value}. */
        void set(int member, Object value);
    }

    private final CommandSpec spec;
    private final IFactory factory;
    private boolean standardHelpOptions;

    private Model(Object userObject, IFactory factory) {
        this.spec = CommandSpec.wrapWithoutInspection(userObject, factory);
        this.factory = factory;
    }

    /** The model of {@code userObject} (a command or a mixin), to be filled in by generated code. */
    public static Model of(Object userObject, IFactory factory) {
        return new Model(userObject, factory);
    }

    /** The factory the model was made with (subcommands and mixins are made with it too). */
    public IFactory factory() {
        return factory;
    }

    /** A class's {@code @Command}: its attributes, as {@code CommandSpec.updateCommandAttributes} reads them. */
    public Model command(Command command) {
        spec.updateCommandAttributes(command, factory);
        standardHelpOptions |= command.mixinStandardHelpOptions();
        return this;
    }

    /** One of {@code @Command(subcommands)}: its own model, under its {@code @Command} name. */
    public Model subcommand(String name, CommandSpec subcommand) {
        spec.addSubcommand(name, new CommandLine(subcommand, factory));
        return this;
    }

    /** An {@code @Option} or {@code @Parameters} member. */
    public Model arg(Member member) {
        spec.add(
                member.isOption()
                        ? OptionSpec.builder(member, factory).build()
                        : PositionalParamSpec.builder(member, factory).build());
        return this;
    }

    /** The object of a {@code @Mixin} member: its value, or a new one made by the factory and set (as picocli does). */
    public Object mixinObject(Member member) {
        Object value = member.binding.get();
        if (value != null) return value;
        try {
            value = factory.create(member.getTypeInfo().getType());
        } catch (Exception e) {
            throw new CommandLine.InitializationException(
                    "Could not access or modify mixin member " + member + ": " + e, e);
        }
        member.binding.set(value);
        return value;
    }

    /** A {@code @Mixin} member with its object's model; its {@code @Spec(MIXEE)} members get this command's spec. */
    public Model mixin(Member member, CommandSpec mixin) {
        spec.addMixin(member.getMixinName(), mixin.withToString(member.getToString()), member);
        for (IAnnotatedElement element : mixin.specElements()) {
            if (element.getAnnotation(Spec.class).value() == Spec.Target.MIXEE) inject(element, "MIXEE spec");
        }
        return this;
    }

    /** A {@code @Spec} member: the spec is injected now when it targets this command (SELF), later by the mixee else. */
    public Model spec(Member member) {
        spec.addSpecElement(member);
        if (member.getAnnotation(Spec.class).value() == Spec.Target.SELF) inject(member, "spec");
        return this;
    }

    private void inject(IAnnotatedElement element, String what) {
        try {
            element.setter().set(spec);
        } catch (Exception e) {
            throw new CommandLine.InitializationException("Could not inject " + what, e);
        }
    }

    /**
     * The model, with the standard help options ({@code -h}, {@code -V}) last when a {@code @Command} asked for them:
     * {@code help} and {@code version} are the two options of picocli's own mixin, written down by the processor.
     */
    public CommandSpec build(Member help, Member version) {
        if (standardHelpOptions) {
            CommandSpec mixin = CommandSpec.wrapWithoutInspection(help.userObject(), factory);
            mixin.add(OptionSpec.builder(help, factory).build());
            mixin.add(OptionSpec.builder(version, factory).build());
            boolean overlap = false;
            for (String name : mixin.optionsMap().keySet())
                overlap |= spec.optionsMap().containsKey(name);
            if (!overlap) spec.addMixin(STANDARD_HELP_OPTIONS, mixin);
        }
        return spec;
    }

    /** The key picocli gives its standard help options' mixin ({@code CommandSpec.mixinStandardHelpOptions()}). */
    static final String STANDARD_HELP_OPTIONS = "mixinStandardHelpOptions";

    /** The two fields of picocli's standard help options' mixin. */
    public static final class StandardHelpOptions implements Access {
        private final Object[] values = {false, false};

        @Override
        public Object get(int member) {
            return values[member];
        }

        @Override
        public void set(int member, Object value) {
            values[member] = value;
        }
    }

    /**
     * An annotated field or setter method, as picocli's reflection describes one ({@code TypedMember}): its annotation (a
     * literal the processor generated), its name, type and description, read and written through {@link Access}.
     */
    public static final class Member implements IAnnotatedElement, IExtensible {
        private final Object userObject;
        private final Access access;
        private final int index;
        private final boolean setterMethod;
        private final Annotation annotation;
        private final String name;
        private final ITypeInfo typeInfo;
        private final String toString;
        private Object lastSet;
        private final Binding binding = new Binding();

        private Member(
                Object userObject,
                Access access,
                int index,
                boolean setterMethod,
                Annotation annotation,
                String name,
                ITypeInfo typeInfo,
                String toString) {
            this.userObject = userObject;
            this.access = access;
            this.index = index;
            this.setterMethod = setterMethod;
            this.annotation = annotation;
            this.name = name;
            this.typeInfo = typeInfo;
            this.toString = toString;
        }

        /**
         * A field.
         *
         * @param toString as picocli says it: {@code field TYPE CLASS.NAME}, or {@code mixin from member TYPE CLASS.NAME}
         */
        public static Member field(
                Object userObject,
                Access access,
                int index,
                Annotation annotation,
                String name,
                ITypeInfo typeInfo,
                String toString) {
            return new Member(userObject, access, index, false, annotation, name, typeInfo, toString);
        }

        /** A setter method (one parameter); {@code name} is picocli's property name of it. */
        public static Member setter(
                Object userObject,
                Access access,
                int index,
                Annotation annotation,
                String name,
                ITypeInfo typeInfo,
                String toString) {
            return new Member(userObject, access, index, true, annotation, name, typeInfo, toString);
        }

        private final class Binding implements IScope {
            @Override
            @SuppressWarnings("unchecked")
            public <T> T get() {
                return (T) (setterMethod ? lastSet : access.get(index));
            }

            @Override
            @SuppressWarnings("unchecked")
            public <T> T set(T value) {
                Object old = get();
                if (!setterMethod) {
                    access.set(index, value);
                    return (T) old;
                }
                try {
                    access.set(index, value);
                } catch (CommandLine.PicocliException e) {
                    throw e;
                } catch (RuntimeException e) {
                    // as picocli's MethodBinding says it: a setter that fails is a usage error naming the method
                    throw new CommandLine.ParameterException(
                            new CommandLine(CommandSpec.wrapWithoutInspection(userObject)),
                            "Could not invoke " + toString.substring("method ".length()) + " with " + value + " (" + e
                                    + ")",
                            e);
                }
                lastSet = value;
                return (T) old;
            }
        }

        /** The object the member belongs to, as a scope: what picocli's {@code ObjectScope} is. */
        private final IScope scope = new IScope() {
            @Override
            @SuppressWarnings("unchecked")
            public <T> T get() {
                return (T) userObject;
            }

            @Override
            public <T> T set(T value) {
                throw new UnsupportedOperationException("the object of a generated model's member is fixed");
            }
        };

        @Override
        public Object userObject() {
            return userObject;
        }

        @Override
        public boolean isAnnotationPresent(Class<? extends Annotation> annotationClass) {
            return annotationClass.isInstance(annotation);
        }

        @Override
        public <T extends Annotation> T getAnnotation(Class<T> annotationClass) {
            return annotationClass.isInstance(annotation) ? annotationClass.cast(annotation) : null;
        }

        @Override
        public String getName() {
            return name;
        }

        @Override
        public String getMixinName() {
            String given = ((Mixin) annotation).name();
            return given.isEmpty() ? name : given;
        }

        @Override
        public boolean isArgSpec() {
            return isOption() || isParameter();
        }

        @Override
        public boolean isOption() {
            return annotation instanceof Option;
        }

        @Override
        public boolean isParameter() {
            return annotation instanceof Parameters;
        }

        @Override
        public boolean isArgGroup() {
            return false;
        }

        @Override
        public boolean isMixin() {
            return annotation instanceof Mixin;
        }

        @Override
        public boolean isUnmatched() {
            return false;
        }

        @Override
        public boolean isSpec() {
            return annotation instanceof Spec;
        }

        @Override
        public boolean isParentCommand() {
            return false;
        }

        @Override
        public boolean isMultiValue() {
            return typeInfo.isMultiValue();
        }

        @Override
        public boolean isInteractive() {
            return (annotation instanceof Option o && o.interactive())
                    || (annotation instanceof Parameters p && p.interactive());
        }

        @Override
        public boolean hasInitialValue() {
            return !setterMethod; // a field's value before parsing is its initial value; a setter method has none
        }

        @Override
        public boolean isMethodParameter() {
            return false;
        }

        @Override
        public int getMethodParamPosition() {
            return -1;
        }

        @Override
        public IScope scope() {
            return scope;
        }

        @Override
        public IGetter getter() {
            return binding;
        }

        @Override
        public ISetter setter() {
            return binding;
        }

        @Override
        public ITypeInfo getTypeInfo() {
            return typeInfo;
        }

        @Override
        public String getToString() {
            return toString;
        }

        @Override
        public String toString() {
            return toString;
        }

        /**
         * picocli asks an annotated element when its initial value can be read ({@code ArgSpec.InitialValueState}, a
         * type it keeps to itself): a field's later, from its getter, as for reflection; a setter method's never.
         */
        @Override
        public <T> T getExtension(Class<T> cls) {
            if (!cls.isEnum() || !cls.getSimpleName().equals("InitialValueState")) return null;
            for (T state : cls.getEnumConstants()) {
                if (state.toString().equals(setterMethod ? "UNAVAILABLE" : "POSTPONED")) return state;
            }
            return null;
        }
    }

    /**
     * The type of a member as picocli's reflection infers it ({@code RuntimeTypeInfo}): the processor writes down the
     * type, the auxiliary types (elements of a collection, component of an array, the type itself else) and the
     * generic type arguments it read from the declaration.
     */
    public static final class TypeInfo implements ITypeInfo {
        private final Class<?> type;
        private final Class<?>[] auxiliaryTypes;
        private final List<String> genericArguments;

        public TypeInfo(Class<?> type, Class<?>[] auxiliaryTypes, List<String> genericArguments) {
            this.type = type;
            this.auxiliaryTypes = auxiliaryTypes.clone();
            this.genericArguments = List.copyOf(genericArguments);
        }

        /** What picocli's reflection gives an auxiliary type ({@code RuntimeTypeInfo.createForAuxType}). */
        static TypeInfo auxiliary(Class<?> type) {
            Class<?>[] aux;
            if (type.isArray()) aux = new Class<?>[] {type == char[].class ? char[].class : type.getComponentType()};
            else if (Collection.class.isAssignableFrom(type)) aux = new Class<?>[] {String.class};
            else if (Map.class.isAssignableFrom(type)) aux = new Class<?>[] {String.class, String.class};
            else aux = new Class<?>[] {type};
            return new TypeInfo(type, aux, List.of());
        }

        @Override
        public boolean isBoolean() {
            return auxiliaryTypes[0] == boolean.class || auxiliaryTypes[0] == Boolean.class;
        }

        @Override
        public boolean isMultiValue() {
            return isArray() || isCollection() || isMap();
        }

        @Override
        public boolean isOptional() {
            return type.getName().equals("java.util.Optional");
        }

        @Override
        public boolean isArray() {
            return type.isArray() && type != char[].class;
        }

        @Override
        public boolean isCollection() {
            return Collection.class.isAssignableFrom(type);
        }

        @Override
        public boolean isMap() {
            return Map.class.isAssignableFrom(type);
        }

        @Override
        public boolean isEnum() {
            return auxiliaryTypes[0].isEnum();
        }

        @Override
        public List<String> getEnumConstantNames() {
            if (!isEnum()) return List.of();
            List<String> names = new ArrayList<>();
            for (Object c : auxiliaryTypes[0].getEnumConstants()) names.add(c.toString());
            return names;
        }

        @Override
        public String getClassName() {
            return type.getName();
        }

        @Override
        public String getClassSimpleName() {
            return type.getSimpleName();
        }

        @Override
        public List<ITypeInfo> getAuxiliaryTypeInfos() {
            List<ITypeInfo> infos = new ArrayList<>();
            for (Class<?> c : auxiliaryTypes) infos.add(auxiliary(c));
            return infos;
        }

        @Override
        public List<String> getActualGenericTypeArguments() {
            return genericArguments;
        }

        @Override
        public Class<?> getType() {
            return type;
        }

        @Override
        public Class<?>[] getAuxiliaryTypes() {
            return auxiliaryTypes.clone();
        }

        @Override
        public String toString() {
            return "TypeInfo(" + type.getCanonicalName() + ", aux=" + java.util.Arrays.toString(auxiliaryTypes) + ")";
        }
    }
}
