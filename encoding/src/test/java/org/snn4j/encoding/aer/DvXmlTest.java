package org.snn4j.encoding.aer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link DvXml#parseSimple} gives, for every document it accepts, the tree that the JDK parser's DOM gives
 * ({@link Aedat4.Reader#parseXml}); it accepts DV's own descriptions and gives up on what lies outside its subset.
 */
class DvXmlTest {
    /** The description of the shipped sample. */
    private static String sampleXml() throws IOException {
        try (Aedat4.Reader r = Aedat4.open(new java.io.ByteArrayInputStream(Fixtures.bytes(Fixtures.AEDAT4)),
                ReadOptions.strict())) {
            return r.header().description();
        }
    }

    /** Returns true if {@code parseSimple} accepted {@code xml}; then its tree must be the JDK parser's. */
    private static boolean agrees(String xml) {
        DvXml simple = DvXml.parseSimple(xml);
        if (simple == null) {
            return false;
        }
        DvXml dom;
        try {
            dom = Aedat4.Reader.parseXml(xml);
        } catch (Exception e) {
            throw new AssertionError("accepted what the JDK parser rejects (" + e.getMessage() + "): " + xml);
        }
        assertThat(simple).as(xml).isEqualTo(dom);
        return true;
    }

    @Test
    void dvDescriptionsAreReadWithoutTheJdkParser() throws Exception {
        assertThat(agrees(sampleXml())).isTrue();
        assertThat(agrees(TinyAedat4.description(34, 34))).isTrue();
        DvXml root = DvXml.parseSimple(sampleXml());
        assertThat(root.tag()).isEqualTo("dv");
        assertThat(root.kids()).hasSize(1);
        assertThat(root.kids().get(0).kids()).hasSize(3);
    }

    @Test
    void theSubsetMatchesTheJdkParser() {
        String[] accepted = {
            "<a/>", " \n<a></a>\n ", "<a x='1' y=\"2\"/>", "<a x = '1'\n/>", "<a>t<b k=\"v\">u</b>w<c/>x</a>",
            "<dv><node name=\"outInfo\"><node name=\"0\"><attr key=\"typeIdentifier\">EVTS</attr></node></node></dv>",
            "<a>></a>", "<a x='\"'/>", "<a x=\"'\"/>", "<a\tx='1'></a >", "<a.b-c_d/>", "<a>\u00e9\u4e2d</a>",
        };
        for (String x : accepted) {
            assertThat(agrees(x)).as(x).isTrue();
        }
        String[] left = {
            "<?xml version=\"1.0\"?><a/>", "<!-- c --><a/>", "<a><!-- c --></a>", "<a><![CDATA[x]]></a>",
            "<!DOCTYPE a><a/>", "<a>&amp;</a>", "<a x='&lt;'/>", "<a>\r\n</a>", "<a x='1\t2'/>", "<a x='1\n2'/>",
            "<a x='1' x='2'/>", "<a x='1'y='2'/>", "<a>]]></a>", "<a>\u0001</a>", "\ufeff<a/>", "<a>\ud83d\ude00</a>",
            "<a:b/>", "<a></b>", "<a>", "<a/><b/>", "<a/>x", "<1/>", "<a x=1/>", "<a x='1/>", "<a x='<'/>",
            "<a/ >", "<a><?p?></a>", "",
        };
        for (String x : left) {
            assertThat(DvXml.parseSimple(x)).as(x).isNull();
        }
    }

    @Test
    void mutatedDescriptionsAreReadAlikeOrLeftToTheJdkParser() throws Exception {
        String xml = sampleXml();
        String alphabet = "<>/=\"' \n\t\r&!?-a1_.:\u00e9\0]";
        Random rnd = new Random(17);
        int accepted = 0;
        int left = 0;
        for (int k = 0; k < 3000; k++) {
            StringBuilder m = new StringBuilder(xml);
            int edits = 1 + rnd.nextInt(3);
            for (int e = 0; e < edits; e++) {
                int at = rnd.nextInt(m.length());
                switch (rnd.nextInt(4)) {
                    case 0 -> m.setCharAt(at, alphabet.charAt(rnd.nextInt(alphabet.length())));
                    case 1 -> m.insert(at, alphabet.charAt(rnd.nextInt(alphabet.length())));
                    case 2 -> m.delete(at, Math.min(m.length(), at + 1 + rnd.nextInt(20)));
                    default -> {
                        int from = rnd.nextInt(m.length());
                        m.insert(at, m.substring(from, Math.min(m.length(), from + 1 + rnd.nextInt(40))));
                    }
                }
            }
            if (agrees(m.toString())) {
                accepted++;
            } else {
                left++;
            }
        }
        // both outcomes are reached often: the comparison is not vacuous
        assertThat(accepted).isGreaterThan(300);
        assertThat(left).isGreaterThan(300);
    }

    @Test
    void aFileWhoseDescriptionNeedsTheJdkParserReadsTheSame() throws Exception {
        byte[] body = TinyAedat4.compress(TinyAedat4.LZ4, TinyAedat4.eventsBody(12, 34, 1000));
        String xml = TinyAedat4.description(34, 34);
        // the same description with a comment and a reference: outside the subset, same streams
        String other = xml.replace("<dv version=\"2.0\">", "<dv version=\"2&#46;0\"><!-- DV -->");
        assertThat(DvXml.parseSimple(other)).isNull();
        byte[] plain = Aedat4Parts.file(TinyAedat4.LZ4, xml, List.of(Aedat4Parts.packet(0, body)), null);
        byte[] commented = Aedat4Parts.file(TinyAedat4.LZ4, other, List.of(Aedat4Parts.packet(0, body)), null);
        AerRecording a = Aedat4.read(plain, ReadOptions.strict());
        AerRecording b = Aedat4.read(commented, ReadOptions.strict());
        assertThat(b.events()).isEqualTo(a.events());
        assertThat(b.report()).isEqualTo(a.report());
    }
}
