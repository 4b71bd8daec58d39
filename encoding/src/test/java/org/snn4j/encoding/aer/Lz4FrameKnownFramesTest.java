package org.snn4j.encoding.aer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * LZ4 frames with known content, independent of snn4j's own writer: frames built by hand byte by byte from the
 * format description (each also decoded by the reference {@code lz4 -dc} v1.9.4 to the same text), and frames
 * written by the reference {@code lz4 -c} CLI; then mutated copies of them.
 */
class Lz4FrameKnownFramesTest {
    private static final HexFormat HEX = HexFormat.of();

    /**
     * FLG 0x60 (independent blocks, no checksums), BD 0x40 (64 KB), HC 0x82; block 1 compressed: token 0x35
     * (3 literals "abc", match length 4 + 5), offset 3, then token 0x50 with the last 5 literals "XYZWV";
     * block 2 stored (size 0x80000004) "1234"; end mark.
     */
    static final byte[] HAND_SHORT = HEX.parseHex(
            "04224d186040820c0000003561626303005058595a5756040000803132333400000000");
    /** Token 0xFF with literal length 15 + 5 and match length 4 + 15 + 11 (offset 1: a run), last literals. */
    static final byte[] HAND_LONG = HEX.parseHex(
            "04224d186040821f000000ff054142434445464748494a4b4c4d4e4f505152535401000b50767778797a00000000");
    /** {@code printf 'Nobody inspects the spammish repetition' | lz4 -c}: one stored block, content checksum. */
    static final byte[] CLI_STORED = HEX.parseHex("04224d186440a7270000804e6f626f647920696e73706563747320746865"
            + "207370616d6d6973682072657065746974696f6e000000002f3b29e2");
    /** {@code printf 'abcabc...abc-end-of-it' | lz4 -c -BD -BX}: linked blocks, block and content checksums. */
    static final byte[] CLI_CHECKED = HEX.parseHex(
            "04224d187440bd120000003f61626303001aa02d656e642d6f662d69740c15074500000000de8c8a2c");

    private static String decode(byte[] frame) throws Lz4Frame.Lz4Exception {
        Lz4Frame f = new Lz4Frame();
        int n = f.decode(frame, 0, frame.length, 1 << 20);
        return new String(f.buffer(), 0, n, StandardCharsets.US_ASCII);
    }

    private static void rejects(byte[] frame, int offset, String message) {
        assertThatThrownBy(() -> decode(frame)).isInstanceOfSatisfying(Lz4Frame.Lz4Exception.class,
                e -> assertThat(e.offset).as("offset").isEqualTo(offset)).hasMessageContaining(message);
    }

    @Test
    void handBuiltFramesDecodeToTheirKnownText() throws Exception {
        assertThat(decode(HAND_SHORT)).isEqualTo("abcabcabcabcXYZWV1234");
        assertThat(decode(HAND_LONG)).isEqualTo("ABCDEFGHIJKLMNOPQRST" + "T".repeat(30) + "vwxyz");
    }

    @Test
    void framesOfTheReferenceToolDecodeAndTheirChecksumsVerify() throws Exception {
        assertThat(decode(CLI_STORED)).isEqualTo("Nobody inspects the spammish repetition");
        assertThat(decode(CLI_CHECKED)).isEqualTo("abc".repeat(16) + "-end-of-it");
    }

    @Test
    void aFrameCanSitInsideALargerBuffer() throws Exception {
        byte[] padded = new byte[HAND_SHORT.length + 9];
        System.arraycopy(HAND_SHORT, 0, padded, 5, HAND_SHORT.length);
        Lz4Frame f = new Lz4Frame();
        int n = f.decode(padded, 5, HAND_SHORT.length, 100);
        assertThat(new String(f.buffer(), 0, n, StandardCharsets.US_ASCII)).isEqualTo("abcabcabcabcXYZWV1234");
    }

    @Test
    void mutatedCopiesAreRejectedWhereTheyAreWrong() {
        byte[] b = HAND_SHORT.clone();
        b[6] ^= 1; // header checksum
        rejects(b, 6, "header checksum 0x82 expected, got 0x83");
        b = HAND_SHORT.clone();
        b[15] = 9; // match offset 9 reaches before the 3 decoded bytes (token at 11, literals, offset at 15)
        rejects(b, 15, "match offset in [1, 3] expected, got 9");
        b = CLI_STORED.clone();
        b[b.length - 1] ^= 0x10; // content checksum
        rejects(b, CLI_STORED.length - 4, "content checksum");
        b = CLI_CHECKED.clone();
        b[b.length - 9] ^= 0x01; // block checksum (the 4 bytes before the end mark)
        rejects(b, CLI_CHECKED.length - 12, "block checksum");
        b = CLI_CHECKED.clone();
        b[20] ^= 0x20; // a literal inside the block: caught by the block checksum
        rejects(b, CLI_CHECKED.length - 12, "block checksum");
        byte[] cut = Arrays.copyOf(HAND_SHORT, HAND_SHORT.length - 2);
        assertThatThrownBy(() -> decode(cut)).hasMessageContaining("truncated");
    }
}
