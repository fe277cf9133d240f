package io.sluice.connector.files;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;

/**
 * The records of one sheet of an Excel workbook ({@code .xlsx}), as a {@link TextRecordParser}: the landing counts
 * with it and the read makes rows with it, so the two agree. Apache POI opens the workbook (shared strings,
 * styles); the sheet's XML is read as a stream, row by row, so a large sheet is never held whole.
 *
 * <ul>
 *   <li>A record is a row with at least one value; rows without values are no records (as empty lines of a CSV
 *       file). Its line is the row's number in Excel (1-based). With a header, the first record names the fields.</li>
 *   <li>Values are text as Excel shows them: shared and inline strings as written, booleans {@code TRUE} /
 *       {@code FALSE}, error values as shown ({@code #DIV/0!}), the cached result of a formula, and numbers
 *       formatted by their cell's number format ({@link DataFormatter}, US conventions: a date cell formatted
 *       {@code yyyy-mm-dd} gives {@code 2026-01-15}); a number in the General format is written plainly, with every
 *       digit Excel stored ({@code 12345678901234}, never {@code 1.23457E+13}). A cell without a value is null.</li>
 *   <li>Cells after the header's last field make the record corrupt (its text is its values joined by tabs);
 *       missing trailing cells are null.</li>
 * </ul>
 */
final class XlsxRecords implements TextRecordParser {
    /**
     * The sheet to read: by {@code name}, or by 1-based {@code position} (then {@code name} is null).
     */
    record Sheet(String name, int position) implements java.io.Serializable {
        static Sheet named(String name) {
            return new Sheet(name, 0);
        }

        static Sheet at(int position) {
            return new Sheet(null, position);
        }

        boolean matches(String sheetName, int sheetPosition) {
            return name != null ? name.equals(sheetName) : position == sheetPosition;
        }

        @Override
        public String toString() {
            return name != null ? "'" + name + "'" : String.valueOf(position);
        }
    }

    private final OPCPackage workbook;
    private final XMLStreamReader sheet;
    private final InputStream sheetBytes;
    private final ReadOnlySharedStringsTable strings;
    private final StylesTable styles;
    private final DataFormatter formatter = new DataFormatter(Locale.US);
    private final boolean header;
    private List<String> fields = List.of();
    private final java.util.ArrayDeque<TextRecord> preamble = new java.util.ArrayDeque<>();

    private XlsxRecords(OPCPackage workbook, XMLStreamReader sheet, InputStream sheetBytes,
                        ReadOnlySharedStringsTable strings, StylesTable styles, boolean header) {
        this.workbook = workbook;
        this.sheet = sheet;
        this.sheetBytes = sheetBytes;
        this.strings = strings;
        this.styles = styles;
        this.header = header;
    }

    /**
     * Opens {@code sheet} (empty: the first sheet) of the workbook in {@code bytes};
     * the first {@code skipRows} records are returned first as they are (a preamble), then, with {@code header},
     * the next record names the fields.
     *
     * @throws UnreadableTextException when the bytes are not an xlsx workbook or it has no such sheet
     */
    static XlsxRecords open(InputStream bytes, Optional<Sheet> sheet, boolean header, int skipRows)
            throws IOException {
        OPCPackage workbook;
        try {
            workbook = OPCPackage.open(bytes);
        } catch (OpenXML4JException | IOException | RuntimeException e) {
            throw new UnreadableTextException("it is not an xlsx workbook (" + firstLine(e) + ")");
        }
        try {
            XSSFReader reader = new XSSFReader(workbook);
            XSSFReader.SheetIterator sheets = (XSSFReader.SheetIterator) reader.getSheetsData();
            List<String> names = new ArrayList<>();
            InputStream found = null;
            while (sheets.hasNext()) {
                InputStream data = sheets.next();
                names.add(sheets.getSheetName());
                if (found == null && sheet.orElse(Sheet.at(1)).matches(sheets.getSheetName(), names.size())) {
                    found = data;
                } else {
                    data.close();
                }
            }
            if (found == null) {
                throw new UnreadableTextException("it has no sheet " + sheet.orElse(Sheet.at(1))
                        + " (its sheets: " + String.join(", ", names) + ")");
            }
            XMLInputFactory factory = XMLInputFactory.newFactory();
            factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
            factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
            XlsxRecords records = new XlsxRecords(workbook, factory.createXMLStreamReader(found), found,
                    new ReadOnlySharedStringsTable(workbook), reader.getStylesTable(), header);
            for (int i = 0; i < skipRows; i++) {
                TextRecord row = records.row();
                if (row == null) {
                    break;
                }
                records.preamble.add(row);
            }
            if (header) {
                TextRecord first = records.row();
                if (first != null) {
                    List<String> fieldNames = new ArrayList<>();
                    first.values().forEach(v -> fieldNames.add(v == null ? "" : v));
                    records.fields = List.copyOf(fieldNames);
                }
            }
            return records;
        } catch (UnreadableTextException e) {
            workbook.revert();
            throw e;
        } catch (OpenXML4JException | XMLStreamException | org.xml.sax.SAXException | IOException
                 | RuntimeException e) {
            workbook.revert();
            throw new UnreadableTextException("its workbook cannot be read (" + firstLine(e) + ")");
        }
    }

    private static String firstLine(Exception e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.lines().findFirst().orElse("");
    }

    @Override
    public List<String> fields() {
        return fields;
    }

    @Override
    public TextRecord next() throws IOException {
        if (!preamble.isEmpty()) {
            return preamble.removeFirst();
        }
        TextRecord row = row();
        if (row == null || !header || row.values().size() == fields.size()) {
            return row;
        }
        if (row.values().size() < fields.size()) {
            List<String> padded = new ArrayList<>(row.values());
            padded.addAll(Collections.nCopies(fields.size() - padded.size(), null));
            return new TextRecord(row.line(), row.offset(), row.text(), "", padded, Optional.empty());
        }
        return row;
    }

    /** The next row with a value, or null after the last. */
    private TextRecord row() throws IOException {
        try {
            while (sheet.hasNext()) {
                if (sheet.next() == XMLStreamConstants.START_ELEMENT && sheet.getLocalName().equals("row")) {
                    TextRecord row = readRow();
                    if (row != null) {
                        return row;
                    }
                }
            }
            return null;
        } catch (XMLStreamException e) {
            throw new UnreadableTextException("its sheet cannot be read (" + firstLine(e) + ")");
        }
    }

    /** Reads the current {@code row} element to its end: null when it has no value. */
    private TextRecord readRow() throws XMLStreamException {
        String number = sheet.getAttributeValue(null, "r");
        List<String> values = new ArrayList<>();
        boolean any = false;
        while (sheet.hasNext()) {
            int event = sheet.next();
            if (event == XMLStreamConstants.END_ELEMENT && sheet.getLocalName().equals("row")) {
                break;
            }
            if (event == XMLStreamConstants.START_ELEMENT && sheet.getLocalName().equals("c")) {
                int column = column(sheet.getAttributeValue(null, "r"), values.size());
                String value = readCell(sheet.getAttributeValue(null, "t"), sheet.getAttributeValue(null, "s"));
                while (values.size() <= column) {
                    values.add(null);
                }
                values.set(column, value);
                any |= value != null;
            }
        }
        if (!any) {
            return null;
        }
        while (values.get(values.size() - 1) == null) {
            values.remove(values.size() - 1);
        }
        long line = number == null ? 0 : Long.parseLong(number);
        String text = String.join("\t", values.stream().map(v -> v == null ? "" : v).toList());
        return new TextRecord(line, -1, text, "", values, Optional.empty());
    }

    /** The 0-based column of a cell reference such as {@code AB12}; {@code next} when the reference is missing. */
    private static int column(String reference, int next) {
        if (reference == null) {
            return next;
        }
        int column = 0;
        for (int i = 0; i < reference.length() && Character.isLetter(reference.charAt(i)); i++) {
            column = column * 26 + (Character.toUpperCase(reference.charAt(i)) - 'A' + 1);
        }
        return column - 1;
    }

    /** Reads the current {@code c} element to its end: its value as Excel shows it, or null. */
    private String readCell(String type, String style) throws XMLStreamException {
        StringBuilder value = null;
        StringBuilder inline = null;
        int depth = 1;
        String element = null;
        while (depth > 0 && sheet.hasNext()) {
            int event = sheet.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                depth++;
                element = sheet.getLocalName();
                if (element.equals("v") && value == null) {
                    value = new StringBuilder();
                } else if (element.equals("t") && inline == null) {
                    inline = new StringBuilder();
                }
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
                element = null;
            } else if ((event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA
                    || event == XMLStreamConstants.SPACE) && element != null) {
                if (element.equals("v")) {
                    value.append(sheet.getText());
                } else if (element.equals("t")) {
                    // rich text: the runs of an inline string, in order
                    inline.append(sheet.getText());
                }
            }
        }
        String t = type == null ? "n" : type;
        return switch (t) {
            case "inlineStr" -> inline == null ? null : inline.toString();
            case "s" -> value == null ? null : strings.getItemAt(Integer.parseInt(value.toString().trim())).getString();
            case "b" -> value == null ? null : value.toString().trim().equals("1") ? "TRUE" : "FALSE";
            case "str", "e" -> value == null ? null : value.toString();
            default -> value == null ? null : number(value.toString().trim(), style);
        };
    }

    private String number(String raw, String style) {
        XSSFCellStyle cellStyle = style == null || styles == null ? null : styles.getStyleAt(Integer.parseInt(style));
        if (cellStyle == null || cellStyle.getDataFormat() == 0) {
            // General: every digit stored, without an exponent (DataFormatter would show 1.23457E+13)
            return new BigDecimal(raw).stripTrailingZeros().toPlainString();
        }
        return formatter.formatRawCellContents(Double.parseDouble(raw), cellStyle.getDataFormat(),
                cellStyle.getDataFormatString());
    }

    @Override
    public void close() throws IOException {
        try {
            sheet.close();
        } catch (XMLStreamException e) {
            // the bytes are closed below
        }
        sheetBytes.close();
        // read only: revert closes the package without writing anything back
        workbook.revert();
    }
}
