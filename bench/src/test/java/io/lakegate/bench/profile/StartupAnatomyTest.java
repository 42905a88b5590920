package io.lakegate.bench.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import org.junit.jupiter.api.Test;

class StartupAnatomyTest {

    /** As JDK 17's {@code jcmd <pid> VM.native_memory summary} prints it (abridged). */
    private static final String NMT = """
            Native Memory Tracking:

            (Omitting categories weighting less than 1KB)

            Total: reserved=1692286KB, committed=156546KB
                   malloc: 21510KB #283121
                   mmap:   reserved=1670776KB, committed=135036KB

            -                 Java Heap (reserved=262144KB, committed=50768KB)
                                        (mmap: reserved=262144KB, committed=50768KB)

            -                     Class (reserved=1049907KB, committed=9011KB)
                                        (classes #12700)

            -                    Thread (reserved=28752KB, committed=2596KB)

            -                        GC (reserved=883KB, committed=203KB)

            -                    Symbol (reserved=12553KB, committed=12553KB)

            -        Shared class space (reserved=16384KB, committed=12060KB)
            """;

    @Test
    void areasAreTheCommittedMemoryOfEachCategoryLargestFirstWithoutTheSmallOnes() {
        assertThat(StartupAnatomy.areas(NMT))
                .extracting(StartupAnatomy.Area::name, a -> a.committedBytes() >> 10)
                .containsExactly(
                        tuple("Java Heap", 50768L),
                        tuple("Symbol", 12553L),
                        tuple("Shared class space", 12060L),
                        tuple("Class", 9011L),
                        tuple("Thread", 2596L));
    }

    @Test
    void timesAreTheKnownCountersInMillisecondsInTheirOrderAndSkipThoseTheJvmLacks() {
        var counters = java.util.Map.of(
                "sun.os.hrt.frequency", 1_000_000L,
                "java.ci.totalTime", 6_636_040L,
                "sun.cls.time", 3_756_358L,
                "sun.cls.classVerifyTime.self", 298_838L);

        assertThat(StartupAnatomy.times(counters))
                .extracting(StartupAnatomy.Time::millis)
                .containsExactly(3756L, 298L, 6636L);
    }

    @Test
    void perfCountersKeepTheNumbersAndSkipTheStrings() {
        String print = "java.cls.loadedClasses=12712\njava.cls.sharedLoadedClasses=2875\n"
                + "java.property.java.home=\"/usr/lib/jvm/java-17\"\nsun.rt.javaCommand=\"x.jar --a=b\"\n";

        assertThat(StartupAnatomy.perfCounters(print))
                .containsEntry("java.cls.loadedClasses", 12712L)
                .containsEntry("java.cls.sharedLoadedClasses", 2875L)
                .doesNotContainKey("java.property.java.home")
                .doesNotContainKey("sun.rt.javaCommand");
    }
}
