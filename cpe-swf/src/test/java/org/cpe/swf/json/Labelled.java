package org.cpe.swf.json;

import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.protocol.MarshallLocation;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.core.traits.LocationTrait;
import software.amazon.awssdk.core.traits.MapTrait;
import software.amazon.awssdk.core.util.DefaultSdkAutoConstructMap;
import software.amazon.awssdk.utils.builder.Buildable;

/**
 * A model class shaped as the SDK generates them, with a map member: SWF's model has none, but the codec is generic
 * and must not break on the services that do.
 */
public final class Labelled implements SdkPojo {

    private static final SdkField<String> NAME = SdkField.<String>builder(MarshallingType.STRING)
            .memberName("Name")
            .getter(getter(Labelled::name))
            .setter(setter(Builder::name))
            .traits(location("name"))
            .build();

    private static final SdkField<Map<String, String>> LABELS = SdkField.<Map<String, String>>builder(
                    MarshallingType.MAP)
            .memberName("Labels")
            .getter(getter(Labelled::labels))
            .setter(setter(Builder::labels))
            .traits(
                    location("labels"),
                    MapTrait.builder()
                            .keyLocationName("key")
                            .valueLocationName("value")
                            .valueFieldInfo(SdkField.<String>builder(MarshallingType.STRING)
                                    .traits(location("value"))
                                    .build())
                            .build())
            .build();

    private static final List<SdkField<?>> FIELDS = List.of(NAME, LABELS);

    private final String name;
    private final Map<String, String> labels;

    private Labelled(Builder builder) {
        this.name = builder.name;
        this.labels = builder.labels;
    }

    public static Builder builder() {
        return new Builder();
    }

    public String name() {
        return name;
    }

    public Map<String, String> labels() {
        return labels;
    }

    @Override
    public List<SdkField<?>> sdkFields() {
        return FIELDS;
    }

    /** The builder, itself an SdkPojo as the SDK's builders are. */
    public static final class Builder implements SdkPojo, Buildable {
        private String name;
        private Map<String, String> labels = DefaultSdkAutoConstructMap.getInstance();

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public Builder labels(Map<String, String> labels) {
            this.labels = Map.copyOf(labels);
            return this;
        }

        @Override
        public Labelled build() {
            return new Labelled(this);
        }

        @Override
        public List<SdkField<?>> sdkFields() {
            return FIELDS;
        }
    }

    private static LocationTrait location(String name) {
        return LocationTrait.builder()
                .location(MarshallLocation.PAYLOAD)
                .locationName(name)
                .unmarshallLocationName(name)
                .build();
    }

    private static <T> Function<Object, T> getter(Function<Labelled, T> g) {
        return obj -> g.apply((Labelled) obj);
    }

    private static <T> BiConsumer<Object, T> setter(BiConsumer<Builder, T> s) {
        return (obj, val) -> s.accept((Builder) obj, val);
    }
}
