package org.snn4j.encoding.aer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Every check of the AEDAT 3.1 text header, each line at its byte offset (issue 17, pattern 3): the version line,
 * the Format line and its position, Source, Start-Time, Sensor-Size at its bounds, and the end of the header.
 */
class Aedat31HeaderChecksTest {
    private static final String V = "#!AER-DAT3.1\r\n";
    private static final String F = "#Format: RAW\r\n";
    private static final String S = "#Source 1: DVS128\r\n";
    private static final String T = "#Start-Time: 2017-01-01 10:00:00 (TZ+0100)\r\n";
    private static final String E = "#!END-HEADER\r\n";

    private static byte[] file(String header) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(header.getBytes(StandardCharsets.US_ASCII));
        b.writeBytes(Aedat31Test.packet(1, 8, 4, 0, 1, 1, 1, Aedat31Test.polarity(new int[][] {{2, 3, 1, 10, 1}})));
        return b.toByteArray();
    }

    private static void strict(String header, String message) {
        assertThatThrownBy(() -> Aedat31.read(file(header), ReadOptions.strict())).isInstanceOf(AerFormatException.class)
                .hasMessage(message);
    }

    @Test
    void aCompleteHeaderReadsCleanAndKeepsItsLines() throws IOException {
        AerRecording r = Aedat31.read(file(V + F + S + T + E), ReadOptions.strict());
        assertThat(r.report().isClean()).isTrue();
        assertThat(r.events().width()).isEqualTo(128);
        assertThat(r.events().xs()).containsExactly(2);
    }

    @Test
    void linesThatAreMissingOrMisplacedAreFaults() throws IOException {
        int end = (V + S + T + E).length();
        strict(V + S + T + E, "byte offset " + end + ": field 'Format' expected a '#Format: RAW' header line, got none");
        strict(V + F + T + E, "byte offset " + (V + F + T + E).length()
                + ": field 'Source' expected a '#Source <id>: <device>' header line, got none");
        strict(V + F + S + E, "byte offset " + (V + F + S + E).length()
                + ": field 'Start-Time' expected a '#Start-Time: ...' header line, got none");
        strict(V + S + F + T + E, "byte offset " + (V + S).length()
                + ": field 'Format' expected the second header line, got line 3");
        strict(V + F + "#Source 1 DVS128\r\n" + T + E, "byte offset " + (V + F).length()
                + ": field 'Source' expected '#Source <id>: <device>', got '#Source 1 DVS128'");
        strict(V + "#Format: COMPRESSED\r\n" + S + T + E, "byte offset " + V.length()
                + ": field 'Format' expected RAW, got 'COMPRESSED'");
        // lenient: the events are read, the first fault is kept
        AerRecording r = Aedat31.read(file(V + S + F + E), ReadOptions.lenient());
        assertThat(r.events().size()).isEqualTo(1);
        assertThat(r.report().isClean()).isFalse();
        assertThat(r.report().firstFault()).contains("field 'Format' expected the second header line");
    }

    @Test
    void theHeaderMustEndBeforeTheData() throws IOException {
        strict(V + F + S + T, "byte offset " + (V + F + S + T).length()
                + ": field 'header' expected a '#' header line up to '#!END-HEADER', got a data byte");
        assertThatThrownBy(() -> Aedat31.read((V + F + S + T).getBytes(StandardCharsets.US_ASCII), ReadOptions.strict()))
                .hasMessage("byte offset " + (V + F + S + T).length()
                        + ": field 'header' expected a '#' header line up to '#!END-HEADER', got end of file");
        assertThatThrownBy(() -> Aedat31.read("#!AER-DAT2.0\r\n".getBytes(StandardCharsets.US_ASCII),
                ReadOptions.strict())).hasMessage("byte offset 0: field 'version line' expected '#!AER-DAT3.1', got "
                + "'#!AER-DAT2.0'");
        assertThatThrownBy(() -> Aedat31.read(new byte[0], ReadOptions.strict()))
                .hasMessage("byte offset 0: field 'version line' expected '#!AER-DAT3.1', got an empty file");
        // a long bad version line is shortened to 60 printable characters
        String junk = "#!" + "x".repeat(70) + "\u0001";
        assertThatThrownBy(() -> Aedat31.read((junk + "\r\n").getBytes(StandardCharsets.ISO_8859_1),
                ReadOptions.strict())).hasMessage("byte offset 0: field 'version line' expected '#!AER-DAT3.1', got '#!"
                + "x".repeat(58) + "...'");
        AerRecording lenient = Aedat31.read((V + F + S + T).getBytes(StandardCharsets.US_ASCII), ReadOptions.lenient());
        assertThat(lenient.events().size()).isZero();
        assertThat(lenient.report().droppedBytes()).isEqualTo((V + F + S + T).length());
    }

    @Test
    void theSensorSizeLineIsCheckedAtItsBoundsAndWinsOverTheDevice() throws IOException {
        AerRecording r = Aedat31.read(file(V + F + S + "#Sensor-Size: 8192x1\r\n" + T + E), ReadOptions.lenient());
        assertThat(r.events().width()).isEqualTo(8192);
        assertThat(r.events().height()).isEqualTo(1);
        // the one event at (2, 3) is outside an 8192 x 1 sensor in y
        assertThat(r.report().outOfRange()).isEqualTo(1);
        assertThat(r.events().size()).isZero();
        AerRecording small = Aedat31.read(file(V + F + S + "#Sensor-Size: 1x8192\r\n" + T + E), ReadOptions.lenient());
        assertThat(small.events().width()).isEqualTo(1);
        assertThat(small.events().height()).isEqualTo(8192);
        int at = (V + F + S).length();
        for (String bad : new String[] {"0x5", "5x0", "8193x5", "5x8193", "5 by 5", "x5", "5x"}) {
            strict(V + F + S + "#Sensor-Size: " + bad + "\r\n" + T + E, "byte offset " + at
                    + ": field 'Sensor-Size' expected 'WxH' with 1 <= W, H <= 8192, got '" + bad + "'");
        }
        // an explicit sensor in the options wins over both
        AerRecording opt = Aedat31.read(file(V + F + S + "#Sensor-Size: 64x64\r\n" + T + E),
                ReadOptions.strict().withSensor(5, 6));
        assertThat(opt.events().width()).isEqualTo(5);
        assertThat(opt.events().height()).isEqualTo(6);
        assertThat(opt.events().xs()).containsExactly(2);
    }
}
