package io.genjin.store;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;

/**
 * A record class's components in order (names, types, accessors) and its canonical constructor,
 * looked up once per class ({@link #of}): what the codecs that write records as documents and read
 * them back walk.
 */
public final class RecordShape {
    private static final ClassValue<RecordShape> SHAPES = new ClassValue<>() {
        @Override
        protected RecordShape computeValue(Class<?> type) {
            return new RecordShape(type);
        }
    };

    private final Class<?> type;
    private final String[] names;
    private final Class<?>[] types;
    private final Type[] generics;
    private final Method[] accessors;
    private final Constructor<?> canonical;

    private RecordShape(Class<?> type) {
        RecordComponent[] components = type.getRecordComponents();
        if (components == null) {
            throw new IllegalArgumentException("not a record: " + type.getName());
        }
        this.type = type;
        int n = components.length;
        names = new String[n];
        types = new Class<?>[n];
        generics = new Type[n];
        accessors = new Method[n];
        for (int i = 0; i < n; i++) {
            names[i] = components[i].getName();
            types[i] = components[i].getType();
            generics[i] = components[i].getGenericType();
            accessors[i] = components[i].getAccessor();
            accessors[i].setAccessible(true);
        }
        try {
            canonical = type.getDeclaredConstructor(types);
            canonical.setAccessible(true);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The shape of this record class (the same instance every time). */
    public static RecordShape of(Class<?> type) {
        return SHAPES.get(type);
    }

    public Class<?> type() {
        return type;
    }

    public int size() {
        return names.length;
    }

    public String name(int i) {
        return names[i];
    }

    public Class<?> type(int i) {
        return types[i];
    }

    public Type generic(int i) {
        return generics[i];
    }

    /** The index of the component with this name, or -1. */
    public int indexOf(String name) {
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }

    public Object get(int i, Object on) {
        try {
            return accessors[i].invoke(on);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A new record of these component values, through its canonical constructor (which may normalise them). */
    public Object make(Object[] values) {
        try {
            return canonical.newInstance(values);
        } catch (InvocationTargetException e) {
            throw new IllegalArgumentException("cannot read " + type.getSimpleName() + ": " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The class of a collection component's elements (or a map's values): its last type argument. */
    public static Type element(Type generic) {
        Type[] args = ((ParameterizedType) generic).getActualTypeArguments();
        return args[args.length - 1];
    }

    /** The class a (possibly parameterised) type stands for. */
    public static Class<?> raw(Type type) {
        return type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) type;
    }
}
