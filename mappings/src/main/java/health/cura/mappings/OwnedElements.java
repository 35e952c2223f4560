package health.cura.mappings;

import ca.uhn.fhir.context.BaseRuntimeChildDefinition;
import ca.uhn.fhir.context.BaseRuntimeElementCompositeDefinition;
import ca.uhn.fhir.context.FhirContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.hl7.fhir.instance.model.api.IBase;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.Extension;

/**
 * Which elements of a resource its row supplies, for merging a row changed outside FHIR into the stored resource: the
 * owned elements are taken from the resource the mapper made of the row, every other element of the stored resource
 * is kept (a client's extra identifier, a note, an extension of its own). An element can be owned whole (by its name
 * in the resource's definition, {@code medication[x]} for a choice), only in the items of a repeating element that a
 * test picks (the patient and practitioner among an Appointment's participants, and no other), or as an extension by
 * its URL.
 *
 * @param <T> the resource type
 */
public final class OwnedElements<T extends DomainResource> {

    private static final FhirContext R4 = FhirContext.forR4Cached();

    private final Set<String> whole;
    private final Map<String, Predicate<Base>> items;
    private final Set<String> extensions;

    private OwnedElements(Set<String> whole, Map<String, Predicate<Base>> items, Set<String> extensions) {
        this.whole = Set.copyOf(whole);
        this.items = Map.copyOf(items);
        this.extensions = Set.copyOf(extensions);
    }

    public static <T extends DomainResource> Builder<T> of(Class<T> type) {
        return new Builder<>(type);
    }

    /**
     * The stored resource with the owned elements of {@code fromRow}: owned items of a repeating element replace the
     * stored ones in the place of the first of them, the stored items the row does not own keep theirs.
     */
    @SuppressWarnings("unchecked")
    public T merge(T stored, T fromRow) {
        T merged = (T) stored.copy();
        BaseRuntimeElementCompositeDefinition<?> definition = R4.getResourceDefinition(merged);
        for (String name : whole) {
            BaseRuntimeChildDefinition child = child(definition, name);
            set(child, merged, child.getAccessor().getValues(fromRow));
        }
        for (Map.Entry<String, Predicate<Base>> owned : items.entrySet()) {
            BaseRuntimeChildDefinition child = child(definition, owned.getKey());
            List<IBase> values = new ArrayList<>();
            boolean placed = false;
            for (IBase value : child.getAccessor().getValues(merged)) {
                if (owned.getValue().test((Base) value)) {
                    if (!placed) {
                        values.addAll(child.getAccessor().getValues(fromRow));
                        placed = true;
                    }
                } else {
                    values.add(value);
                }
            }
            if (!placed) {
                values.addAll(0, child.getAccessor().getValues(fromRow));
            }
            set(child, merged, values);
        }
        if (!extensions.isEmpty()) {
            List<Extension> kept = new ArrayList<>();
            boolean placed = false;
            for (Extension extension : merged.getExtension()) {
                if (extensions.contains(extension.getUrl())) {
                    if (!placed) {
                        ownExtensions(fromRow).forEach(kept::add);
                        placed = true;
                    }
                } else {
                    kept.add(extension);
                }
            }
            if (!placed) {
                ownExtensions(fromRow).forEach(kept::add);
            }
            merged.setExtension(kept);
        }
        return merged;
    }

    private List<Extension> ownExtensions(T fromRow) {
        return fromRow.getExtension().stream().filter(e -> extensions.contains(e.getUrl()))
                .map(Extension::copy).toList();
    }

    private static BaseRuntimeChildDefinition child(BaseRuntimeElementCompositeDefinition<?> definition, String name) {
        BaseRuntimeChildDefinition child = definition.getChildByName(name);
        if (child == null) {
            throw new IllegalStateException(definition.getName() + " has no element " + name);
        }
        return child;
    }

    private static void set(BaseRuntimeChildDefinition child, IBase target, List<? extends IBase> values) {
        List<IBase> copies = values.stream().map(value -> (IBase) ((Base) value).copy()).toList();
        if (child.getMax() == 1) {
            child.getMutator().setValue(target, copies.isEmpty() ? null : copies.get(0));
            return;
        }
        child.getMutator().setValue(target, null);
        for (IBase value : copies) {
            child.getMutator().addValue(target, value);
        }
    }

    /** Declares the owned elements; names are checked against the resource's definition when built. */
    public static final class Builder<T extends DomainResource> {

        private final Class<T> type;
        private final Set<String> whole = new java.util.LinkedHashSet<>();
        private final Map<String, Predicate<Base>> items = new LinkedHashMap<>();
        private final Set<String> extensions = new java.util.LinkedHashSet<>();

        private Builder(Class<T> type) {
            this.type = type;
        }

        public Builder<T> element(String... names) {
            whole.addAll(List.of(names));
            return this;
        }

        /** The items of a repeating element that {@code owned} picks are the row's; the others are not. */
        @SuppressWarnings("unchecked")
        public <E extends Base> Builder<T> items(String name, Class<E> itemType, Predicate<E> owned) {
            items.put(name, item -> itemType.isInstance(item) && owned.test((E) item));
            return this;
        }

        public Builder<T> extension(String... urls) {
            extensions.addAll(List.of(urls));
            return this;
        }

        public OwnedElements<T> build() {
            BaseRuntimeElementCompositeDefinition<?> definition = R4.getResourceDefinition(type);
            whole.forEach(name -> child(definition, name));
            items.keySet().forEach(name -> {
                if (child(definition, name).getMax() == 1) {
                    throw new IllegalStateException(name + " does not repeat");
                }
            });
            return new OwnedElements<>(whole, items, extensions);
        }
    }
}
