package io.sluice.connector.files;

import java.io.InputStream;
import java.nio.charset.Charset;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Counts the records of an XML file as Spark's XML source reads them: one record per {@code row_tag} element that
 * is not inside another one (an element of the same name inside a record is part of that record). The whole file
 * is parsed, so a file that is not well-formed XML is found while landing and refused as a delivery, instead of
 * being read by Spark as some rows, or none, without a word.
 *
 * <p>The parser is the JDK's StAX parser with DTDs and external entities turned off: a delivered file never makes
 * the landing open another file or URL.
 */
final class XmlRecords {
    /** The {@link io.sluice.connector.LandedFile#detail()} key of the child elements repeated in a record. */
    static final String REPEATED_KEY = "xml_repeated";

    /**
     * What counting found: the records, the names of their child elements and attributes (first seen first), and
     * the child elements that occur more than once in some record (read as a list, never one of them).
     */
    record Count(long records, List<String> fields, List<String> repeated) {
        Count {
            fields = List.copyOf(fields);
            repeated = List.copyOf(repeated);
        }

        /** The repeated elements as a landed file's detail: empty when there are none. */
        java.util.Map<String, String> detail() {
            return repeated.isEmpty() ? java.util.Map.of()
                    : java.util.Map.of(REPEATED_KEY, String.join("\n", repeated));
        }
    }

    /** The repeated elements a landed file's detail notes. */
    static Set<String> repeated(io.sluice.connector.LandedFile file) {
        String text = file.detail().get(REPEATED_KEY);
        return text == null || text.isEmpty() ? Set.of() : Set.of(text.split("\n"));
    }

    private XmlRecords() {
    }

    /**
     * Counts the {@code rowTag} elements of a file in {@code charset}.
     *
     * @throws UnreadableTextException when the file is not well-formed XML, naming the line and column
     */
    static Count count(InputStream in, Charset charset, String rowTag) throws UnreadableTextException {
        if (!in.markSupported()) {
            throw new IllegalArgumentException("the stream must support mark and reset");
        }
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, false);
        long records = 0;
        Set<String> fields = new LinkedHashSet<>();
        Set<String> repeated = new LinkedHashSet<>();
        Set<String> inRecord = new java.util.HashSet<>();
        XMLStreamReader xml = null;
        try {
            if (isEmpty(in)) {
                // an empty delivery has no records, as an empty csv or json file
                return new Count(0, List.of(), List.of());
            }
            xml = factory.createXMLStreamReader(in, charset.name());
            int depth = 0;
            int rowDepth = -1;
            while (xml.hasNext()) {
                int event = xml.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    depth++;
                    String name = xml.getLocalName();
                    if (rowDepth < 0 && name.equals(rowTag)) {
                        rowDepth = depth;
                        records++;
                        inRecord.clear();
                        for (int i = 0; i < xml.getAttributeCount(); i++) {
                            fields.add("_" + xml.getAttributeLocalName(i));
                        }
                    } else if (rowDepth > 0 && depth == rowDepth + 1) {
                        fields.add(name);
                        if (!inRecord.add(name)) {
                            repeated.add(name);
                        }
                    }
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    if (depth == rowDepth) {
                        rowDepth = -1;
                    }
                    depth--;
                }
            }
            return new Count(records, List.copyOf(fields), List.copyOf(repeated));
        } catch (java.io.IOException e) {
            throw new UnreadableTextException("it cannot be read (" + e.getMessage() + ")");
        } catch (XMLStreamException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNumber()
                    + ", column " + e.getLocation().getColumnNumber();
            String message = e.getMessage() == null ? "" : e.getMessage();
            // StAX parsers add the location they also report: the JDK's before the text, Woodstox after it
            message = message.replaceFirst("(?s)^ParseError at \\[row,col\\]:\\[\\d+,\\d+\\]\\s*Message:\\s*", "")
                    .lines().findFirst().orElse("");
            throw new UnreadableTextException("it is not well-formed XML" + where + " (" + message.strip()
                    + "), after " + records + " '" + rowTag + "' record(s)");
        } finally {
            if (xml != null) {
                try {
                    xml.close();
                } catch (XMLStreamException e) {
                    // the stream is the caller's; nothing is lost
                }
            }
        }
    }

    /** Whether the stream has no byte at all (it must support mark and reset). */
    private static boolean isEmpty(InputStream in) throws java.io.IOException {
        in.mark(1);
        int first = in.read();
        in.reset();
        return first < 0;
    }
}
