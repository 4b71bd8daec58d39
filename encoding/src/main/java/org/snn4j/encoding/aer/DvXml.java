package org.snn4j.encoding.aer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The XML of an AEDAT 4.0 description as a small tree ({@link Aedat4}). Every DV file carries one (2-3 KB), and
 * building a JDK {@code DocumentBuilder} and parsing with it cost about a tenth of decoding a 1 MB file, so
 * {@link #parseSimple} reads the plain subset DV writes by itself and gives up (null) on anything outside it: the
 * caller then parses with the JDK parser (secure processing, no DTD) and converts its DOM with {@link #of}, so
 * malformed XML is judged, and reported, by the JDK parser alone. For every document {@link #parseSimple} accepts
 * it gives the tree {@link #of} gives for the JDK parser's DOM ({@code DvXmlTest}).
 *
 * <p>The subset: optional white space, one root element, optional white space; elements with ASCII names
 * ({@code [A-Za-z_][A-Za-z0-9._-]*}), attributes in single or double quotes, each name once per element, and
 * element or character content. Not in it (so left to the JDK parser): declarations, processing instructions,
 * comments, CDATA, DOCTYPE, references ({@code &}), carriage returns (line-end normalisation), tabs and line
 * feeds inside attribute values (attribute-value normalisation), {@code ]]>} in text, control characters and
 * characters from U+D800 up.
 *
 * @param tag   the element's name
 * @param attrs its attributes
 * @param kids  its child elements, in order
 * @param text  its text content: the character data of all its descendants, in document order
 *              ({@code Node.getTextContent})
 */
record DvXml(String tag, Map<String, String> attrs, List<DvXml> kids, String text) {

    /** The attribute's value, or "" if absent ({@code Element.getAttribute}). */
    String attr(String name) {
        return attrs.getOrDefault(name, "");
    }

    /** The tree of a JDK DOM element. */
    static DvXml of(Element e) {
        Map<String, String> attrs = new HashMap<>();
        NamedNodeMap a = e.getAttributes();
        for (int i = 0; i < a.getLength(); i++) {
            attrs.put(a.item(i).getNodeName(), a.item(i).getNodeValue());
        }
        List<DvXml> kids = new ArrayList<>();
        NodeList nodes = e.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            Node k = nodes.item(i);
            if (k instanceof Element) {
                kids.add(of((Element) k));
            }
        }
        return new DvXml(e.getTagName(), attrs, kids, e.getTextContent());
    }

    /** The tree of {@code xml} if it lies in the subset, else null. */
    static DvXml parseSimple(String xml) {
        if (xml.contains("]]>")) {
            return null;
        }
        for (int i = 0; i < xml.length(); i++) {
            char ch = xml.charAt(i);
            if ((ch < 0x20 && ch != '\t' && ch != '\n') || ch >= 0xD800 || ch == '&') {
                return null;
            }
        }
        Scan s = new Scan(xml);
        s.space();
        StringBuilder ignored = new StringBuilder();
        DvXml root = s.element(ignored);
        if (root == null) {
            return null;
        }
        s.space();
        return s.p == xml.length() ? root : null;
    }

    /** A cursor over the document; methods return null when the input leaves the subset. */
    private static final class Scan {
        final String x;
        int p;

        Scan(String x) {
            this.x = x;
        }

        void space() {
            while (p < x.length() && isSpace(x.charAt(p))) {
                p++;
            }
        }

        static boolean isSpace(char c) {
            return c == ' ' || c == '\t' || c == '\n';
        }

        String name() {
            int s = p;
            while (p < x.length()) {
                char c = x.charAt(p);
                boolean first = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
                boolean later = (c >= '0' && c <= '9') || c == '.' || c == '-';
                if (!(first || (p > s && later))) {
                    break;
                }
                p++;
            }
            return p > s ? x.substring(s, p) : null;
        }

        /** An element at {@code p} (which is at its '<'); appends its text content to {@code parentText}. */
        DvXml element(StringBuilder parentText) {
            if (p >= x.length() || x.charAt(p) != '<') {
                return null;
            }
            p++;
            String tag = name();
            if (tag == null) {
                return null;
            }
            Map<String, String> attrs = new HashMap<>();
            while (true) {
                int before = p;
                space();
                if (p >= x.length()) {
                    return null;
                }
                char c = x.charAt(p);
                if (c == '/' || c == '>') {
                    break;
                }
                if (p == before) {
                    return null; // attributes are separated by white space
                }
                String key = name();
                if (key == null) {
                    return null;
                }
                space();
                if (p >= x.length() || x.charAt(p) != '=') {
                    return null;
                }
                p++;
                space();
                if (p >= x.length() || (x.charAt(p) != '"' && x.charAt(p) != '\'')) {
                    return null;
                }
                char q = x.charAt(p++);
                int end = x.indexOf(q, p);
                if (end < 0) {
                    return null;
                }
                String value = x.substring(p, end);
                if (value.indexOf('<') >= 0 || value.indexOf('\t') >= 0 || value.indexOf('\n') >= 0
                        || attrs.put(key, value) != null) {
                    return null;
                }
                p = end + 1;
            }
            List<DvXml> kids = new ArrayList<>();
            StringBuilder text = new StringBuilder();
            if (x.charAt(p) == '/') {
                if (!x.startsWith("/>", p)) {
                    return null;
                }
                p += 2;
            } else {
                p++;
                while (true) {
                    int lt = x.indexOf('<', p);
                    if (lt < 0) {
                        return null;
                    }
                    text.append(x, p, lt);
                    p = lt;
                    if (x.startsWith("</", p)) {
                        p += 2;
                        String end = name();
                        if (!tag.equals(end)) {
                            return null;
                        }
                        space();
                        if (p >= x.length() || x.charAt(p) != '>') {
                            return null;
                        }
                        p++;
                        break;
                    }
                    DvXml kid = element(text);
                    if (kid == null) {
                        return null;
                    }
                    kids.add(kid);
                }
            }
            parentText.append(text);
            return new DvXml(tag, attrs, kids, text.toString());
        }
    }
}
