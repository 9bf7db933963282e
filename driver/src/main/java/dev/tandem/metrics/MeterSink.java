package dev.tandem.metrics;

import java.util.List;
import java.util.function.ToDoubleFunction;

/** Where meters go besides Tandem's own counters: Micrometer when present, nowhere otherwise. */
interface MeterSink {
    interface Increment {
        void add(long amount);
    }

    Increment counter(String name, String description, List<String> tags);

    <T> void gauge(String name, String description, List<String> tags, T target, ToDoubleFunction<T> value);

    <T> void functionCounter(String name, String description, List<String> tags, T target,
                             ToDoubleFunction<T> value);

    /** The level behind a gauge of this name and tags: the same one every time it is asked for. */
    Level level(String name, String description, List<String> tags);

    MeterSink NONE = new MeterSink() {
        @Override
        public Increment counter(String name, String description, List<String> tags) {
            return amount -> { };
        }

        @Override
        public <T> void gauge(String name, String description, List<String> tags, T target,
                              ToDoubleFunction<T> value) {
        }

        @Override
        public <T> void functionCounter(String name, String description, List<String> tags, T target,
                                        ToDoubleFunction<T> value) {
        }

        @Override
        public Level level(String name, String description, List<String> tags) {
            return new Level(); // not published: only its owner reads it
        }
    };
}
