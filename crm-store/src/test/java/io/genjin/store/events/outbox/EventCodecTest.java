package io.genjin.store.events.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.genjin.store.events.CustomerReplied;
import io.genjin.store.events.MessageStored;
import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.codecs.DocumentCodec;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AssignableTypeFilter;

class EventCodecTest {

    /** Every record of the events package, found on the class path: a new event is covered without a line here. */
    static List<Class<?>> eventRecords() throws ClassNotFoundException {
        ClassPathScanningCandidateComponentProvider scan = new ClassPathScanningCandidateComponentProvider(false) {
            @Override
            protected boolean isCandidateComponent(
                    org.springframework.beans.factory.annotation.AnnotatedBeanDefinition definition) {
                return definition.getMetadata().isIndependent();
            }
        };
        scan.addIncludeFilter(new AssignableTypeFilter(Record.class));
        List<Class<?>> found = new ArrayList<>();
        for (BeanDefinition d : scan.findCandidateComponents(EventCodec.PACKAGE)) {
            Class<?> type = Class.forName(d.getBeanClassName());
            if (type.getPackageName().equals(EventCodec.PACKAGE)) {
                found.add(type);
            }
        }
        return found;
    }

    @Test
    void everyEventRecordShouldComeBackEqualAfterABsonRoundTrip() throws Exception {
        List<Class<?>> records = eventRecords();
        assertThat(records).extracting(Class::getSimpleName)
                .contains("CustomerMailRead", "CustomerReplied", "CustomerShowedIntent", "StageChanged", "MessageStored");
        for (Class<?> type : records) {
            Object event = sample(type);
            Document encoded = EventCodec.encode(event);
            // Through real BSON bytes, as the store keeps it.
            Document stored = new DocumentCodec().decode(new RawBsonDocument(encoded, new DocumentCodec()).asBsonReader(),
                    org.bson.codecs.DecoderContext.builder().build());
            assertThat(EventCodec.decode(EventCodec.type(event), stored)).as(type.getSimpleName()).isEqualTo(event);
        }
    }

    @Test
    void customerAndOrderKeyShouldComeFromTheEventsOwnFields() {
        CustomerReplied replied = new CustomerReplied("<m@x>", "c1", List.of(), null, "u1", Instant.EPOCH);
        assertThat(EventCodec.customer(replied)).isEqualTo("c1");
        assertThat(EventCodec.orderKey(new MessageStored("<m@x>", true, null))).isEqualTo("<m@x>");
        assertThat(EventCodec.customer(new MessageStored("<m@x>", true, null))).isNull();
    }

    @Test
    void aTypeOutsideTheEventsPackageShouldNotBeRead() {
        assertThatThrownBy(() -> EventCodec.decode("../java.lang.Runtime", new Document()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EventCodec.encode("a string")).isInstanceOf(IllegalArgumentException.class);
    }

    /** A record with a distinct, non-default value in every component (nanoseconds in instants). */
    static Object sample(Class<?> type) throws Exception {
        RecordComponent[] components = type.getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        Object[] args = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            args[i] = value(components[i].getType(), components[i].getGenericType(), components[i].getName() + i);
        }
        Constructor<?> canonical = type.getDeclaredConstructor(types);
        return canonical.newInstance(args);
    }

    private static Object value(Class<?> type, Type generic, String seed) throws Exception {
        if (type == String.class) {
            return seed;
        }
        if (type == boolean.class || type == Boolean.class) {
            return true;
        }
        if (type == int.class || type == Integer.class) {
            return seed.length();
        }
        if (type == long.class || type == Long.class) {
            return 1L << 40 | seed.length();
        }
        if (type == double.class || type == Double.class) {
            return 0.25;
        }
        if (type == Instant.class) {
            return Instant.parse("2026-12-03T09:30:00.123456789Z").plusSeconds(seed.length());
        }
        if (type == LocalDate.class) {
            return LocalDate.of(2026, 12, 3).plusDays(seed.length());
        }
        if (type.isEnum()) {
            Object[] constants = type.getEnumConstants();
            return constants[constants.length - 1];
        }
        if (List.class.isAssignableFrom(type)) {
            Type element = ((ParameterizedType) generic).getActualTypeArguments()[0];
            return List.of(value((Class<?>) element, element, seed + "a"), value((Class<?>) element, element, seed + "bb"));
        }
        if (type.isRecord()) {
            return sample(type);
        }
        throw new AssertionError("no sample for " + type + ": teach EventCodec and this test the type");
    }
}
