package ua.gov.nsoz.documents.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The type of a document told by its content (magic bytes, a zip's entries, UTF-8 text), never by its name; and which
 * file name extensions each type may carry.
 */
final class ContentTypes {

    static final String PDF = "application/pdf";
    static final String JPEG = "image/jpeg";
    static final String PNG = "image/png";
    static final String TEXT = "text/plain";
    static final String DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    static final String ODT = "application/vnd.oasis.opendocument.text";
    /** A call's recording (issue 16, docs/calls.md): RIFF WAVE. */
    static final String WAV = "audio/wav";
    /** A call's recording: MPEG audio layer III (an ID3 tag or a frame's sync). */
    static final String MP3 = "audio/mpeg";
    /** A call's recording: an Ogg stream (Vorbis, Opus). */
    static final String OGG = "audio/ogg";

    /** The types a node accepts unless configured otherwise. */
    static final List<String> DEFAULT_ALLOWED = List.of(PDF, JPEG, PNG, TEXT, DOCX, ODT, WAV, MP3, OGG);

    /** The extensions a name of each type may have (lower case, without the dot). */
    static final Map<String, List<String>> EXTENSIONS = Map.of(
            PDF, List.of("pdf"),
            JPEG, List.of("jpg", "jpeg", "jpe", "jfif"),
            PNG, List.of("png"),
            TEXT, List.of("txt", "text", "csv", "log", "md"),
            DOCX, List.of("docx"),
            ODT, List.of("odt"),
            WAV, List.of("wav", "wave"),
            MP3, List.of("mp3"),
            OGG, List.of("ogg", "oga", "opus"));

    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    private ContentTypes() {
    }

    /**
     * @param file the stored bytes
     * @param head the first bytes of it (at least 8 if the file has them)
     * @return the type found, empty if it is none this class knows
     * @throws IOException if the file cannot be read
     */
    static Optional<String> sniff(Path file, byte[] head) throws IOException {
        if (startsWith(head, "%PDF-".getBytes(StandardCharsets.US_ASCII))) {
            return Optional.of(PDF);
        }
        if (head.length >= 3 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xD8 && (head[2] & 0xFF) == 0xFF) {
            return Optional.of(JPEG);
        }
        if (startsWith(head, PNG_MAGIC)) {
            return Optional.of(PNG);
        }
        if (startsWith(head, new byte[] {'P', 'K', 3, 4})) {
            return zipType(file);
        }
        Optional<String> audio = audioType(head);
        if (audio.isPresent()) {
            return audio;
        }
        return isText(file) ? Optional.of(TEXT) : Optional.empty();
    }

    /**
     * A recording: RIFF with the form type WAVE, an Ogg page ({@code OggS}), MP3 by its ID3v2 tag or by the sync of an
     * MPEG audio frame of layer III (11 bits set, a version that is not the reserved one, layer bits 01). A JPEG
     * (FF D8 FF) was told before.
     */
    static Optional<String> audioType(byte[] head) {
        if (head.length >= 12 && startsWith(head, "RIFF".getBytes(StandardCharsets.US_ASCII))
                && head[8] == 'W' && head[9] == 'A' && head[10] == 'V' && head[11] == 'E') {
            return Optional.of(WAV);
        }
        if (startsWith(head, "OggS".getBytes(StandardCharsets.US_ASCII))) {
            return Optional.of(OGG);
        }
        if (startsWith(head, "ID3".getBytes(StandardCharsets.US_ASCII))) {
            return Optional.of(MP3);
        }
        if (head.length >= 2 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xE0) == 0xE0 && (head[1] & 0x18) != 0x08
                && (head[1] & 0x06) == 0x02) {
            return Optional.of(MP3);
        }
        return Optional.empty();
    }

    /** An OpenDocument text by its {@code mimetype} entry, a Word document by {@code word/document.xml}. */
    private static Optional<String> zipType(Path file) {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            ZipEntry mimetype = zip.getEntry("mimetype");
            if (mimetype != null) {
                try (InputStream in = zip.getInputStream(mimetype)) {
                    String declared = new String(in.readNBytes(200), StandardCharsets.US_ASCII).trim();
                    return ODT.equals(declared) ? Optional.of(ODT) : Optional.empty();
                }
            }
            return zip.getEntry("word/document.xml") != null ? Optional.of(DOCX) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            // Not a readable zip: not a document of the allowed kinds.
            return Optional.empty();
        }
    }

    /** Valid UTF-8 throughout (a byte order mark allowed), no NUL. */
    static boolean isText(Path file) throws IOException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.allocate(8192);
        CharBuffer out = CharBuffer.allocate(8192);
        byte[] chunk = new byte[8192];
        try (InputStream stream = Files.newInputStream(file)) {
            int n;
            while ((n = stream.read(chunk, 0, in.remaining())) >= 0) {
                for (int i = 0; i < n; i++) {
                    if (chunk[i] == 0) {
                        return false;
                    }
                }
                in.put(chunk, 0, n);
                in.flip();
                CoderResult r = decoder.decode(in, out, false);
                if (r.isError()) {
                    return false;
                }
                in.compact();
                out.clear();
                if (n == 0 && in.remaining() == 0) {
                    return false;
                }
            }
            in.flip();
            CoderResult r = decoder.decode(in, out, true);
            if (r.isError() || in.hasRemaining()) {
                return false;
            }
            out.clear();
            return !decoder.flush(out).isError();
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /**
     * @param fileName a name, may be null
     * @return its extension, lower case, or empty if it has none
     */
    static Optional<String> extension(String fileName) {
        if (fileName == null) {
            return Optional.empty();
        }
        String name = fileName.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1).trim();
        int dot = name.lastIndexOf('.');
        if (dot <= 0 || dot == name.length() - 1) {
            return Optional.empty();
        }
        return Optional.of(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    /**
     * @param fileName the sender's name
     * @param type the type found in the content
     * @return whether the name's extension (if any) is one of the type's
     */
    static boolean nameFits(String fileName, String type) {
        Optional<String> ext = extension(fileName);
        return ext.isEmpty() || EXTENSIONS.getOrDefault(type, List.of()).contains(ext.get());
    }

    private static boolean startsWith(byte[] head, byte[] magic) {
        if (head.length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if (head[i] != magic[i]) {
                return false;
            }
        }
        return true;
    }
}
