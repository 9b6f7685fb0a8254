package ua.gov.nsoz.reports.internal;

import java.awt.Font;
import java.awt.FontFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.apache.pdfbox.pdmodel.PDDocument;

/**
 * The one font of the charts and the PDF: Liberation Sans (SIL Open Font License 1.1), as shipped inside PDFBox. It
 * is read from the PDFBox bundle's own class loader, so it is there on a bare server without a single system font.
 */
final class Fonts {

    /** The font inside the PDFBox jar. */
    static final String RESOURCE = "/org/apache/pdfbox/resources/ttf/LiberationSans-Regular.ttf";

    private static volatile Font base;

    private Fonts() {
    }

    /** @return the font's bytes, for embedding into a PDF */
    static InputStream open() {
        InputStream in = PDDocument.class.getResourceAsStream(RESOURCE);
        if (in == null) {
            throw new IllegalStateException("PDFBox ships no " + RESOURCE);
        }
        return in;
    }

    /**
     * @param style {@link Font#PLAIN} or {@link Font#BOLD} (bold is synthesized)
     * @param size points
     * @return the font at that size
     */
    static Font awt(int style, float size) {
        Font f = base;
        if (f == null) {
            synchronized (Fonts.class) {
                f = base;
                if (f == null) {
                    try (InputStream in = open()) {
                        f = Font.createFont(Font.TRUETYPE_FONT, in);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    } catch (FontFormatException e) {
                        throw new IllegalStateException("Cannot read " + RESOURCE, e);
                    }
                    base = f;
                }
            }
        }
        return f.deriveFont(style, size);
    }
}
