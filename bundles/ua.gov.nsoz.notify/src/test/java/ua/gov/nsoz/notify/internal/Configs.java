package ua.gov.nsoz.notify.internal;

import java.lang.reflect.Proxy;
import java.util.Map;

/** A configuration annotation as DS would pass it: the given values, the defaults for the rest. */
final class Configs {

    private Configs() {
    }

    static <A> A of(Class<A> type, Map<String, ?> values) {
        Object proxy = Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (self, method, args) -> {
            String name = method.getName();
            if (values.containsKey(name)) {
                return values.get(name);
            }
            return switch (name) {
                case "annotationType" -> type;
                case "toString" -> type.getSimpleName() + values;
                case "hashCode" -> System.identityHashCode(self);
                case "equals" -> self == args[0];
                default -> method.getDefaultValue();
            };
        });
        return type.cast(proxy);
    }
}
