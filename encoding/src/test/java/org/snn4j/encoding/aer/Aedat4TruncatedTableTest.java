package org.snn4j.encoding.aer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An LZ4-compressed FileDataTable cut short at the end of the file: sizing the event arrays from the table must
 * see the frame end where the file ends (a typed fault, the table ignored for sizing), and the read reports the
 * damaged table with its offset. This is the case by which {@code HostileInputFuzzTest} (excluded from the
 * mutation profile for its cost) alone killed the sizing read's length mutant; here it is asked directly.
 */
class Aedat4TruncatedTableTest {

    @Test
    void aTableFrameCutShortIsATypedFaultAtEveryCut() throws Exception {
        byte[] body = TinyAedat4.compress(TinyAedat4.LZ4, TinyAedat4.eventsBody(5, 8));
        byte[] whole = TinyAedat4.file(TinyAedat4.LZ4, 8, 4, List.of(body), new long[] {5});
        AerRecording ok = Aedat4.read(whole, ReadOptions.strict());
        assertThat(ok.events().size()).isEqualTo(5);
        for (int cut = 1; cut <= 12; cut++) {
            byte[] cutShort = Arrays.copyOf(whole, whole.length - cut);
            assertThatThrownBy(() -> Aedat4.read(cutShort, ReadOptions.strict())).as("cut %d", cut)
                    .isInstanceOf(AerFormatException.class);
            AerRecording lenient = Aedat4.read(cutShort, ReadOptions.lenient());
            assertThat(lenient.events()).as("cut %d", cut).isEqualTo(ok.events());
            assertThat(lenient.report().isClean()).as("cut %d", cut).isFalse();
        }
    }
}
