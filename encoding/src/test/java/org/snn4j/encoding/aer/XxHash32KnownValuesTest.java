package org.snn4j.encoding.aer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * xxHash32 against independent known values, seed 0: the published vectors ("" 0x02CC5D05, "abc" 0x32D153FF,
 * python-xxhash's "Nobody inspects the spammish repetition" 0xE2293B2F, the quick brown fox 0xE85EA4DE), and
 * the content checksums that the reference lz4 CLI (v1.9.4, {@code printf %s TEXT | lz4 -c | tail -c 4})
 * writes for inputs of 4, 15, 16, 17, 20, 31, 32 and 33 bytes, around the 16-byte stripe boundaries.
 */
class XxHash32KnownValuesTest {

    private static int hash(String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        return XxHash32.hash(b, 0, b.length, 0);
    }

    @Test
    void publishedVectors() {
        assertThat(hash("")).isEqualTo(0x02CC5D05);
        assertThat(hash("abc")).isEqualTo(0x32D153FF);
        assertThat(hash("Nobody inspects the spammish repetition")).isEqualTo(0xE2293B2F);
        assertThat(hash("The quick brown fox jumps over the lazy dog")).isEqualTo(0xE85EA4DE);
    }

    @Test
    void stripeBoundariesMatchTheReferenceLz4Tool() {
        assertThat(hash("0123456789abcde")).isEqualTo(0x1DBDFA0F);
        assertThat(hash("0123456789abcdef")).isEqualTo(0xC2C45B69);
        assertThat(hash("0123456789abcdefg")).isEqualTo(0xCC79B217);
        assertThat(hash("0123456789abcdef0123456789abcde")).isEqualTo(0x82370882);
        assertThat(hash("0123456789abcdef0123456789abcdef")).isEqualTo(0xEB888D30);
        assertThat(hash("0123456789abcdef0123456789abcdefX")).isEqualTo(0xCF4A7B96);
        // a tail of whole 4-byte words only
        assertThat(hash("0123")).isEqualTo(0x0A0B4C93);
        assertThat(hash("0123456789abcdef0123")).isEqualTo(0x6350964E);
    }

    @Test
    void offsetAndLengthSelectTheRange() {
        byte[] b = "##Nobody inspects the spammish repetition!!".getBytes(StandardCharsets.US_ASCII);
        assertThat(XxHash32.hash(b, 2, b.length - 4, 0)).isEqualTo(0xE2293B2F);
    }

    @Test
    void theLz4HeaderChecksumIsTheSecondByteOfTheDescriptorHash() {
        // lz4 -c writes FLG 0x64, BD 0x40, HC 0xA7; with --no-frame-crc FLG 0x60, BD 0x40, HC 0x82
        assertThat((XxHash32.hash(new byte[] {0x64, 0x40}, 0, 2, 0) >>> 8) & 0xFF).isEqualTo(0xA7);
        assertThat((XxHash32.hash(new byte[] {0x60, 0x40}, 0, 2, 0) >>> 8) & 0xFF).isEqualTo(0x82);
    }
}
